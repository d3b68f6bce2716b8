/** The one function of fontkit (pdfkit's font engine) used here: opening the embedded font to ask which glyphs it has. */
declare module 'fontkit' {
  export function openSync(path: string): unknown;
}
