#!/usr/bin/env node
// Writes the README's sample invoice: docs/invoice-sample.pdf from the fixed demo model of @meterline/documents
// (build it first: `npx turbo run build --filter=@meterline/documents`), and its first page as
// docs/invoice-sample.png with poppler's pdftoppm (Debian: poppler-utils), 80 dpi.
const { execFileSync } = require('node:child_process');
const { mkdirSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { buildInvoiceDocument, renderDocumentPdf, sampleInvoice } = require('../packages/documents/dist');

async function main() {
  const docs = join(__dirname, '..', 'docs');
  mkdirSync(docs, { recursive: true });
  const { invoice, seller, buyer } = sampleInvoice();
  const pdf = await renderDocumentPdf(buildInvoiceDocument(invoice, seller, buyer));
  const pdfPath = join(docs, 'invoice-sample.pdf');
  writeFileSync(pdfPath, pdf);
  const prefix = join(docs, 'invoice-sample');
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdfPath, prefix]);
  renameSync(`${prefix}-1.png`, `${prefix}.png`);
  console.log(`wrote ${pdfPath} (${pdf.length} bytes) and ${prefix}.png`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
