import { money, period } from './format';

export interface InvoiceRow {
  id: string;
  number: string | null;
  kind: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  total: { amount: string; currency: string };
  customer?: { reference: string };
}

/** Invoices as a table (the Invoices screen and a customer's page); a row opens the invoice. */
export function InvoiceTable({
  invoices,
  onOpen,
  withCustomer = false,
}: {
  invoices: InvoiceRow[];
  onOpen: (id: string) => void;
  withCustomer?: boolean;
}) {
  return (
    <table aria-label="Invoices">
      <thead>
        <tr>
          <th>Number</th>
          <th>Status</th>
          {withCustomer && <th>Customer</th>}
          <th>Period</th>
          <th className="num">Total</th>
        </tr>
      </thead>
      <tbody>
        {invoices.map((invoice) => (
          <tr key={invoice.id} className="clickable" onClick={() => onOpen(invoice.id)}>
            <td>
              <a
                href={`/invoices/${invoice.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  e.stopPropagation();
                  onOpen(invoice.id);
                }}
              >
                {invoice.number ?? `Draft ${invoice.kind === 'CORRECTION' ? 'correction' : 'invoice'}`}
              </a>
            </td>
            <td>
              <span className={`badge ${invoice.status.toLowerCase()}`}>{invoice.status}</span>
            </td>
            {withCustomer && (
              <td>
                <code>{invoice.customer?.reference}</code>
              </td>
            )}
            <td>{period(invoice.periodStart, invoice.periodEnd)}</td>
            <td className="num">{money(invoice.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
