import { returnedRows, type SubgraphServices } from '@meterline/kit';

interface OverdueRow {
  id: string;
  platform_id: string;
  number: string;
  customer_id: string;
  subscription_id: string | null;
  currency: string;
  total: string;
  amount_paid: string;
  amount_due: string;
  issued_at: Date;
  due_at: Date;
}

/**
 * ISSUED → OVERDUE for invoices whose payment due date passed on the service clock with something still due, oldest
 * due first; `invoicing.invoice.overdue` leaves with the same transaction. Rows another replica or a payment holds are
 * skipped (SKIP LOCKED) and taken next round. Returns how many were marked.
 */
export async function markOverdueInvoices(services: SubgraphServices, perRound = 200): Promise<number> {
  const now = services.clock.now();
  return services.db.transact(async (tx) => {
    const rows = returnedRows<OverdueRow>(
      await tx.manager.query(
        `UPDATE invoices SET status = 'OVERDUE'
          WHERE id IN (SELECT id FROM invoices WHERE status = 'ISSUED' AND due_at < $1 AND amount_due > 0
                        ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING id, platform_id, number, customer_id, subscription_id, currency, total::text, amount_paid::text,
                    amount_due::text, issued_at, due_at`,
        [now, perRound],
      ),
    );
    for (const row of rows)
      await tx.emit('invoicing.invoice.overdue', row.platform_id, {
        id: row.id,
        number: row.number,
        customerId: row.customer_id,
        subscriptionId: row.subscription_id,
        currency: row.currency.trim(),
        total: row.total,
        amountPaid: row.amount_paid,
        amountDue: row.amount_due,
        issuedAt: row.issued_at.toISOString(),
        dueAt: row.due_at.toISOString(),
      });
    return rows.length;
  });
}
