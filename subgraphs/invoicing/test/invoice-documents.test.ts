import { randomUUID } from 'node:crypto';
import { startSubgraphForTest, type SubgraphUnderTest } from '@meterline/kit/testing';
import { invoicingSubgraph } from '../src';
import { buyersOfInvoices, sellersOfInvoices, type BuyerJson } from '../src/store/invoice-documents';

/** The data behind a document's parties, on the real database: buyer blocks as issued or as now, and the seller. */
describe('invoice documents: buyers and sellers', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(invoicingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const customer = (
    platformId: string,
    id: string,
    fields: { name: string | null; reference: string; address?: unknown; taxId?: string },
  ) =>
    subgraph.running.db.query(
      `INSERT INTO customers (platform_id, id, reference, currency, tax_rate, archived, updated_at, name, email, billing_address, tax_id)
       VALUES ($1, $2, $3, 'EUR', NULL, false, now(), $4, 'ap@example.test', $5, $6)`,
      [platformId, id, fields.reference, fields.name, fields.address ? JSON.stringify(fields.address) : null, fields.taxId ?? null],
    );

  it('gives an issued invoice the buyer it was issued with, a draft (or an older invoice) the customer as it is now, in one query', async () => {
    const { platformId } = subgraph.clientForNewPlatform();
    const [acme, legacy, other] = [randomUUID(), randomUUID(), randomUUID()];
    const address = { line1: 'Neue Strasse 99', line2: null, city: 'Basel', postalCode: '4001', state: null, country: 'CH' };
    await customer(platformId, acme, { name: 'Acme AG', reference: 'acme', address, taxId: 'CHE-1' });
    await customer(platformId, legacy, { name: null, reference: 'legacy' }); // projected before names were kept
    const { platformId: otherPlatform } = subgraph.clientForNewPlatform();
    await customer(otherPlatform, other, { name: 'Not yours', reference: 'acme' });
    const issuedWith: BuyerJson = {
      name: 'Acme AG',
      reference: 'acme',
      email: 'old@example.test',
      address: { ...address, line1: 'Bahnhofstrasse 1', city: 'Zürich', postalCode: '8001' },
      taxId: 'CHE-1',
    };
    const buyers = await buyersOfInvoices(subgraph.running.db.ds.manager, platformId, [
      { id: 'issued', customerId: acme, buyer: issuedWith },
      { id: 'draft', customerId: acme, buyer: null },
      { id: 'legacy', customerId: legacy, buyer: null },
      { id: 'foreign', customerId: other, buyer: null },
    ]);
    expect(buyers.get('issued')).toEqual(issuedWith);
    expect(buyers.get('draft')).toEqual({ name: 'Acme AG', reference: 'acme', email: 'ap@example.test', address, taxId: 'CHE-1' });
    expect(buyers.get('legacy')).toEqual({ name: 'legacy', reference: 'legacy', email: 'ap@example.test', address: null, taxId: null });
    // Another platform's customer is never read: only the id is known.
    expect(buyers.get('foreign')).toEqual({ name: other, reference: other, email: null, address: null, taxId: null });
  });

  it('gives invoices of a platform whose billing entity describes nothing no legal name (the document says so), en-US and UTC', async () => {
    const { platformId } = subgraph.clientForNewPlatform();
    const sellers = await sellersOfInvoices(subgraph.running.db.ds.manager, platformId, ['a', 'b']);
    expect([...sellers.keys()]).toEqual(['a', 'b']);
    expect(sellers.get('a')).toMatchObject({ legalName: null, locale: 'en-US', timeZone: 'UTC', paymentInstructions: null });
  });
});
