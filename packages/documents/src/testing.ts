import { execFile } from 'node:child_process';

/**
 * Reads a PDF's text back page by page, as a reader would, with `pdf-parse` (pdf.js; no poppler needed). pdf.js is an
 * ES module that loads its worker with a dynamic import, which jest's CommonJS runtime refuses: it runs in a child
 * Node process. For tests only (`pdf-parse` is a development dependency). No-break and thin spaces read as spaces.
 */
export function pdfPagesText(pdf: Buffer): Promise<string[]> {
  const script = `
    const { PDFParse } = require(${JSON.stringify(require.resolve('pdf-parse'))});
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      const result = await parser.getText();
      await parser.destroy();
      process.stdout.write(JSON.stringify(result.pages.map((p) => p.text)));
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', script], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`pdf-parse failed: ${stderr || error.message}`));
      resolve((JSON.parse(stdout) as string[]).map((page) => page.replace(/[\u00a0\u2009\u202f]/g, ' ')));
    });
    child.stdin?.end(pdf);
  });
}
