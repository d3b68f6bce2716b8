export * from './model';
export { printable, renderDocumentPdf } from './render';
export { sampleInvoice } from './sample';
