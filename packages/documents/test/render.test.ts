import { Decimal } from '@meterline/money';
import { buildInvoiceDocument, printable, renderDocumentPdf, sampleInvoice, SELLER_NOT_CONFIGURED } from '../src';
import { pdfPagesText as pagesOf } from '../src/testing';

describe('renderDocumentPdf', () => {
  it('prints every block of the invoice, read back from the PDF', async () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const [page, ...rest] = await pagesOf(await renderDocumentPdf(buildInvoiceDocument(invoice, seller, buyer)));
    expect(rest).toEqual([]);
    for (const expected of [
      'Invoice',
      'INV-000042',
      'Meterline Demo GmbH',
      'Torstraße 140',
      'Tax ID: DE123456789',
      'Acme Größenwahn AG',
      '8001 Zürich',
      'Tax ID: CHE-123.456.789 MWST',
      'Apr 1, 2026',
      'May 1, 2026',
      'Mar 1 – 31, 2026',
      'API calls (Starter)',
      'Billed for Mar 1 – 14, 2026',
      'Tier 2 (over 100): 12,400 × €0.0079838709677 = €99.00',
      'Tier 2 (over 10000): 20,000 × €0.0045 = €90.00',
      'Tax 19 % on €362.52',
      '€431.40',
      'Credit note CN-000007 (Apr 3, 2026)',
      'Payment Apr 10, 2026, Bank transfer, SEPA-4711',
      'Amount due',
      '€201.40',
      'IBAN DE89 3704 0044 0532 0130 00',
      'Page 1 of 1',
    ]) {
      expect(page).toContain(expected);
    }
    expect(page).not.toContain('DRAFT');
  });

  it('gives byte-identical PDFs for the same model', async () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const first = await renderDocumentPdf(buildInvoiceDocument(invoice, seller, buyer));
    await new Promise((resolve) => setTimeout(resolve, 20)); // another instant: nothing may read the clock
    const second = await renderDocumentPdf(buildInvoiceDocument(sampleInvoice().invoice, seller, buyer));
    expect(first.equals(second)).toBe(true);
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('breaks a 300-line invoice over pages: every line once, the header repeated, the totals on the last page', async () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const lines = Array.from({ length: 300 }, (_, i) => ({
      ...invoice.lines[1],
      description: `Metric line #${String(i + 1).padStart(3, '0')}`,
      amount: new Decimal(i + 1),
    }));
    const pages = await pagesOf(await renderDocumentPdf(buildInvoiceDocument({ ...invoice, lines }, seller, buyer)));
    expect(pages.length).toBeGreaterThan(5);
    const all = pages.join('\n');
    for (let i = 1; i <= 300; i++) {
      expect(all.split(`Metric line #${String(i).padStart(3, '0')}`).length - 1).toBe(1);
    }
    pages.forEach((page, i) => {
      expect(page).toContain('Description');
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    const last = pages[pages.length - 1];
    expect(last).toContain('Amount due');
    expect(last).toContain('€201.40');
    expect(last).toContain('Subtotal');
    pages.slice(0, -1).forEach((page) => expect(page).not.toContain('Amount due'));
  });

  it('draws the seller’s logo (PNG) at the top, the same bytes every time, and the text stays readable', async () => {
    const { invoice, seller, buyer } = sampleInvoice();
    // A 1×1 PNG, as an entity keeps it (a data: URI's bytes).
    const logo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const withLogo = buildInvoiceDocument(invoice, { ...seller, logo }, buyer);
    expect(withLogo.logo).toBe(logo);
    const pdf = await renderDocumentPdf(withLogo);
    expect(pdf.toString('latin1')).toContain('/Subtype /Image');
    expect((await renderDocumentPdf(buildInvoiceDocument(invoice, { ...seller, logo }, buyer))).equals(pdf)).toBe(true);
    expect((await pagesOf(pdf)).join('\n')).toContain(seller.legalName!);
    const without = await renderDocumentPdf(buildInvoiceDocument(invoice, seller, buyer));
    expect(without.toString('latin1')).not.toContain('/Subtype /Image');
  });

  it('marks a draft on every page', async () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const lines = Array.from({ length: 80 }, (_, i) => ({ ...invoice.lines[0], description: `Charge ${i}` }));
    const draft = buildInvoiceDocument({ ...invoice, lines, status: 'DRAFT', number: null, issuedAt: null }, seller, buyer);
    const pages = await pagesOf(await renderDocumentPdf(draft));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page) => expect(page).toContain('DRAFT: a preview, not an issued invoice'));
  });

  it('stamps a void invoice on its page', async () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const model = buildInvoiceDocument(
      { ...invoice, status: 'VOID', voidedAt: new Date('2026-04-02T10:00:00Z'), voidReason: 'duplicate' },
      seller,
      buyer,
    );
    const [page] = await pagesOf(await renderDocumentPdf(model));
    expect(page).toContain('VOID: cancelled on Apr 2, 2026 (duplicate); nothing is due');
    expect(page).toContain('Amount due (void)');
  });

  it('says on the document that the seller is not configured', async () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const model = buildInvoiceDocument(invoice, { ...seller, legalName: null, address: null, taxId: null }, buyer);
    const [page] = await pagesOf(await renderDocumentPdf(model));
    expect(page.replace(/\s+/g, ' ')).toContain(SELLER_NOT_CONFIGURED);
  });

  it('prints Cyrillic and Greek names with the embedded font; CJK it cannot, as "?"', async () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const model = buildInvoiceDocument(invoice, seller, { ...buyer, name: 'ООО Ромашка · Αθήνα ΑΕ' });
    const [page] = await pagesOf(await renderDocumentPdf(model));
    expect(page).toContain('ООО Ромашка · Αθήνα ΑΕ');
    expect(printable('株式会社 ￥1,234')).toBe('???? ¥1,234');
  });
});
