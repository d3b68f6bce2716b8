import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { openSync } from 'fontkit';
import type { DisplayLine, DocumentField, DocumentModel } from './model';

/**
 * DejaVu Sans (from the `dejavu-fonts-ttf` package, a free licence: Bitstream Vera derivative, public domain changes)
 * is embedded, subset, so names and addresses in Latin, Greek, Cyrillic, Armenian, Georgian and Hebrew scripts print
 * as they are; PDF's 14 standard fonts only cover WinAnsi. It has no CJK glyphs: such characters are printed as "?"
 * (a compatibility form such as the full-width yen sign of ja-JP is printed as its plain form first).
 */
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** The font files, read once per process (each document still parses and subsets them). */
let files: { regular: Buffer; bold: Buffer } | null = null;
const fontFiles = () => (files ??= { regular: readFileSync(FONT_REGULAR), bold: readFileSync(FONT_BOLD) });

interface GlyphSource {
  hasGlyphForCodePoint(codePoint: number): boolean;
}
let glyphs: GlyphSource | null = null;
const fontGlyphs = (): GlyphSource => (glyphs ??= openSync(FONT_REGULAR) as unknown as GlyphSource);

/** Text the embedded font can print: a character it lacks becomes its compatibility form when that prints, else "?". */
export function printable(text: string): string {
  const font = fontGlyphs();
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || font.hasGlyphForCodePoint(code)) {
      out += char;
      continue;
    }
    const plain = char.normalize('NFKC');
    out += [...plain].every((c) => font.hasGlyphForCodePoint(c.codePointAt(0) ?? 0)) ? plain : '?';
  }
  return out;
}

const PAGE = { width: 595.28, height: 841.89 }; // A4
const MARGIN = 50;
/** The box a logo is fitted into (its aspect ratio kept), top left. */
const LOGO_WIDTH = 140;
const LOGO_HEIGHT = 44;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
/** Where content stops: the page footer is below. */
const CONTENT_BOTTOM = PAGE.height - MARGIN - 30;
const COLUMNS = { description: 300, quantity: 90, amount: CONTENT_WIDTH - 300 - 90 };
const GREY = '#555555';

type Doc = InstanceType<typeof PDFDocument>;

/**
 * Renders a document model to a PDF. Deterministic: the same model gives the same bytes (the PDF's dates are the
 * document's date, its file id derives from them, fonts are subset by glyph order; nothing random or clock-read).
 * Long documents break over pages: the table header repeats, a line never splits, the totals stay together on the last page.
 */
export function renderDocumentPdf(model: DocumentModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: true,
    lang: model.locale,
    info: {
      Title: printable(`${model.title} ${model.fileName}`),
      Author: printable(model.seller[0] ?? 'Meterline'),
      Creator: 'Meterline',
      Producer: 'Meterline (pdfkit)',
      CreationDate: model.documentDate,
      ModDate: model.documentDate,
    },
  });
  const { regular, bold } = fontFiles();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  drawDocument(doc, model);
  drawPageFurniture(doc, model);
  doc.end();
  return done;
}

function text(
  doc: Doc,
  value: string,
  x: number,
  y: number,
  options: PDFKit.Mixins.TextOptions & { font?: 'regular' | 'bold'; size?: number; color?: string } = {},
) {
  const { font = 'regular', size = 9, color = '#000000', ...rest } = options;
  doc
    .font(font)
    .fontSize(size)
    .fillColor(color)
    .text(printable(value), x, y, { lineBreak: true, ...rest });
}

function heightOf(doc: Doc, value: string, width: number, font: 'regular' | 'bold', size: number): number {
  return doc.font(font).fontSize(size).heightOfString(printable(value), { width });
}

function drawBlock(doc: Doc, title: string, lines: string[], x: number, y: number, width: number): number {
  text(doc, title, x, y, { font: 'bold', size: 8, color: GREY, width });
  let at = y + 12;
  for (const line of lines) {
    text(doc, line, x, at, { width });
    at += heightOf(doc, line, width, 'regular', 9) + 1;
  }
  return at;
}

function drawFields(doc: Doc, fields: DocumentField[], x: number, y: number, labelWidth: number, valueWidth: number): number {
  let at = y;
  for (const field of fields) {
    text(doc, field.label, x, at, { color: GREY, width: labelWidth });
    text(doc, field.value, x + labelWidth, at, { width: valueWidth });
    at += Math.max(heightOf(doc, field.label, labelWidth, 'regular', 9), heightOf(doc, field.value, valueWidth, 'regular', 9)) + 3;
  }
  return at;
}

/** A thin grey line from x to the right margin. */
function rule(doc: Doc, x: number, y: number): void {
  doc
    .moveTo(x, y)
    .lineTo(MARGIN + CONTENT_WIDTH, y)
    .lineWidth(0.5)
    .strokeColor('#999999')
    .stroke();
}

function drawTableHeader(doc: Doc, y: number): number {
  const x = MARGIN;
  text(doc, 'Description', x, y, { font: 'bold', width: COLUMNS.description });
  text(doc, 'Quantity', x + COLUMNS.description, y, { font: 'bold', width: COLUMNS.quantity, align: 'right' });
  text(doc, 'Amount', x + COLUMNS.description + COLUMNS.quantity, y, { font: 'bold', width: COLUMNS.amount, align: 'right' });
  rule(doc, MARGIN, y + 13);
  return y + 18;
}

function lineHeight(doc: Doc, line: DisplayLine): number {
  const description = heightOf(doc, line.description, COLUMNS.description, 'regular', 9);
  const details = line.details.reduce((sum, d) => sum + heightOf(doc, d, COLUMNS.description - 10, 'regular', 7.5) + 1, 0);
  return description + details + 5;
}

function drawLine(doc: Doc, line: DisplayLine, y: number): number {
  const x = MARGIN;
  text(doc, line.description, x, y, { width: COLUMNS.description });
  text(doc, line.quantity, x + COLUMNS.description, y, { width: COLUMNS.quantity, align: 'right' });
  text(doc, line.amount, x + COLUMNS.description + COLUMNS.quantity, y, { width: COLUMNS.amount, align: 'right' });
  let at = y + heightOf(doc, line.description, COLUMNS.description, 'regular', 9);
  for (const detail of line.details) {
    text(doc, detail, x + 10, at, { size: 7.5, color: GREY, width: COLUMNS.description - 10 });
    at += heightOf(doc, detail, COLUMNS.description - 10, 'regular', 7.5) + 1;
  }
  return at + 5;
}

function fieldsHeight(doc: Doc, fields: DocumentField[], labelWidth: number): number {
  return fields.reduce((sum, f) => sum + heightOf(doc, f.label, labelWidth, 'regular', 9) + 3, 0);
}

function drawDocument(doc: Doc, model: DocumentModel): void {
  // Head: the logo, title and number left, the seller right; then the document's fields left, the buyer right.
  let head = MARGIN;
  if (model.logo) {
    doc.image(model.logo, MARGIN, MARGIN, { fit: [LOGO_WIDTH, LOGO_HEIGHT] });
    head += LOGO_HEIGHT + 8;
  }
  text(doc, model.title, MARGIN, head, { font: 'bold', size: 20, width: 250 });
  text(doc, model.fileName === 'draft' ? 'Draft' : model.fileName, MARGIN, head + 26, { size: 11, color: GREY, width: 250 });
  const half = CONTENT_WIDTH / 2;
  const sellerLines = model.sellerNotice ? [model.sellerNotice] : model.seller;
  const sellerEnd = drawBlock(doc, 'FROM', sellerLines, MARGIN + half + 10, MARGIN, half - 10);
  const top = Math.max(sellerEnd, head + 50) + 16;
  const fieldsEnd = drawFields(doc, model.header, MARGIN, top, 80, half - 90);
  const buyerEnd = drawBlock(doc, 'BILL TO', model.buyer, MARGIN + half + 10, top, half - 10);
  let y = drawTableHeader(doc, Math.max(fieldsEnd, buyerEnd) + 20);

  for (const line of model.lines) {
    if (y + lineHeight(doc, line) > CONTENT_BOTTOM) {
      doc.addPage();
      y = drawTableHeader(doc, MARGIN);
    }
    y = drawLine(doc, line, y);
  }
  if (model.lines.length === 0) {
    text(doc, 'No lines', MARGIN, y, { color: GREY });
    y += 16;
  }

  // The closing block (tax summary, totals, settlements, amount due, instructions) stays together on the last page.
  const labelWidth = 230;
  const x = MARGIN + CONTENT_WIDTH - labelWidth - 120;
  const summary = [...model.taxSummary, ...model.totals, ...model.settlements];
  const instructions = model.paymentInstructions ? heightOf(doc, model.paymentInstructions, CONTENT_WIDTH, 'regular', 9) + 30 : 0;
  const closing = fieldsHeight(doc, summary, labelWidth) + 60 + instructions;
  if (y + closing > CONTENT_BOTTOM) {
    doc.addPage();
    y = MARGIN;
  }
  rule(doc, x, y + 4);
  y = drawFieldsRight(doc, model.taxSummary, x, y + 10, labelWidth) + 6;
  y = drawFieldsRight(doc, model.totals, x, y, labelWidth);
  if (model.settlements.length > 0) y = drawFieldsRight(doc, model.settlements, x, y + 6, labelWidth);
  text(doc, model.amountDue.label, x, y + 8, { font: 'bold', size: 11, width: labelWidth });
  text(doc, model.amountDue.value, x + labelWidth, y + 8, { font: 'bold', size: 11, width: 120, align: 'right' });
  y += 36;
  if (model.paymentInstructions) {
    text(doc, 'Payment instructions', MARGIN, y, { font: 'bold', size: 8, color: GREY, width: CONTENT_WIDTH });
    text(doc, model.paymentInstructions, MARGIN, y + 12, { width: CONTENT_WIDTH });
  }
}

function drawFieldsRight(doc: Doc, fields: DocumentField[], x: number, y: number, labelWidth: number): number {
  let at = y;
  for (const field of fields) {
    text(doc, field.label, x, at, { color: GREY, width: labelWidth });
    text(doc, field.value, x + labelWidth, at, { width: 120, align: 'right' });
    at += heightOf(doc, field.label, labelWidth, 'regular', 9) + 3;
  }
  return at;
}

/** On every page: the footer text, "number · page n of m", and the stamp (DRAFT, VOID) across it with its note. */
function drawPageFurniture(doc: Doc, model: DocumentModel): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin must not open a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const label = `${model.title} ${model.fileName === 'draft' ? '(draft)' : model.fileName} · Page ${i + 1} of ${range.count}`;
    if (model.footer)
      text(doc, model.footer, MARGIN, PAGE.height - MARGIN - 14, { size: 7.5, color: GREY, width: CONTENT_WIDTH, height: 12 });
    text(doc, label, MARGIN, PAGE.height - MARGIN, { size: 7.5, color: GREY, width: CONTENT_WIDTH, align: 'right' });
    if (model.stamp) {
      doc.save();
      doc.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
      text(doc, model.stamp.word, PAGE.width / 2 - 200, PAGE.height / 2 - 50, {
        font: 'bold',
        size: 96,
        color: '#d0d0d0',
        width: 400,
        align: 'center',
      });
      doc.restore();
      text(doc, model.stamp.note, MARGIN, PAGE.height - MARGIN, { size: 7.5, color: '#b00000', width: CONTENT_WIDTH - 150 });
    }
    doc.page.margins.bottom = bottom;
  }
}
