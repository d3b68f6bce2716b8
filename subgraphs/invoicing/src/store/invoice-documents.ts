import type { Address, Buyer, Seller } from '@meterline/documents';
import type { EntityManager } from 'typeorm';
import { billingEntityVersionsOfInvoices } from './billing-entities.repository';

/** The buyer block as `invoices.buyer` keeps it: the customer as it was at issue. */
export interface BuyerJson {
  name: string | null;
  reference: string;
  email: string | null;
  address: Address | null;
  taxId: string | null;
}

/**
 * SQL for the buyer block of the customer `customer` (a column or parameter) of platform `platform`, from the
 * customers projection; issuing stores it on the invoice (`invoices.buyer`), so a later change of the customer never
 * changes an issued invoice's document.
 */
export const buyerSnapshotSql = (platform: string, customer: string) =>
  `(SELECT jsonb_build_object('name', c.name, 'reference', c.reference, 'email', c.email, 'address', c.billing_address, 'taxId', c.tax_id)
      FROM customers c WHERE c.platform_id = ${platform} AND c.id = ${customer})`;

const ADDRESS_PARTS = ['line1', 'line2', 'city', 'postalCode', 'state', 'country'] as const;

function buyerOf(json: BuyerJson | null, customerId: string): Buyer {
  const address = json?.address
    ? (Object.fromEntries(ADDRESS_PARTS.map((part) => [part, json.address?.[part] ?? null])) as unknown as Address)
    : null;
  return {
    // A customer projected before names were kept has none until its next update: its reference stands in.
    name: json?.name ?? json?.reference ?? customerId,
    reference: json?.reference ?? customerId,
    email: json?.email ?? null,
    address,
    taxId: json?.taxId ?? null,
  };
}

/**
 * The buyer block of each invoice: what it was issued with (`invoices.buyer`), else (a draft, or an invoice issued
 * before buyer blocks were kept) the customer as it is now. One query for all of them.
 */
export async function buyersOfInvoices(
  manager: EntityManager,
  platformId: string,
  invoices: ReadonlyArray<{ id: string; customerId: string; buyer: BuyerJson | null }>,
): Promise<Map<string, Buyer>> {
  const missing = [...new Set(invoices.filter((i) => !i.buyer).map((i) => i.customerId))];
  const current = new Map<string, BuyerJson>();
  if (missing.length > 0) {
    const rows = (await manager.query(
      `SELECT id, ${buyerSnapshotSql('$1', 'customers.id')} AS buyer FROM customers WHERE platform_id = $1 AND id = ANY($2::uuid[])`,
      [platformId, missing],
    )) as Array<{ id: string; buyer: BuyerJson }>;
    for (const row of rows) current.set(row.id, row.buyer);
  }
  return new Map(invoices.map((i) => [i.id, buyerOf(i.buyer ?? current.get(i.customerId) ?? null, i.customerId)]));
}

/** The seller of a platform whose (default) billing entity describes nothing yet: the document says so plainly. */
const UNDESCRIBED_SELLER: Seller = {
  legalName: null,
  address: null,
  taxId: null,
  paymentInstructions: null,
  footer: null,
  locale: 'en-US',
  timeZone: 'UTC',
};

/**
 * The bytes of an entity's logo given as a `data:image/png|jpeg;base64,…` URI (checked when the entity was saved). A
 * logo given as an https URL is not fetched while rendering (no network in the document path): documents show none.
 */
function logoBytes(logo: string | null): Buffer | null {
  const data = logo && /^data:image\/(png|jpeg);base64,(.+)$/.exec(logo);
  return data ? Buffer.from(data[2], 'base64') : null;
}

/**
 * Who issues each invoice, and in which locale and time zone its document is written: THE one place documents read
 * the seller. An issued invoice has the billing entity version it was issued with; a draft the current version of the
 * entity that bills its customer now (billingEntityVersionsOfInvoices). An entity that has not set a locale or time
 * zone writes en-US and UTC.
 */
export async function sellersOfInvoices(
  manager: EntityManager,
  platformId: string,
  invoiceIds: readonly string[],
): Promise<Map<string, Seller>> {
  const versions = await billingEntityVersionsOfInvoices(manager, platformId, invoiceIds);
  return new Map(
    invoiceIds.map((id) => {
      const v = versions.get(id);
      if (!v) return [id, UNDESCRIBED_SELLER];
      const seller: Seller = {
        legalName: v.legalName,
        address: v.address,
        taxId: v.taxId,
        paymentInstructions: v.paymentInstructions,
        footer: v.invoiceFooter,
        locale: v.locale ?? UNDESCRIBED_SELLER.locale,
        timeZone: v.timeZone ?? UNDESCRIBED_SELLER.timeZone,
        logo: logoBytes(v.logo),
      };
      return [id, seller];
    }),
  );
}
