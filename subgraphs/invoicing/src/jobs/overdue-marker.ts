import { forEachTimeScope, returnedRows, scopeCondition, scopeParameters, type SubgraphServices, type TimeScope } from '@meterline/kit';

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
 * ISSUED → OVERDUE for invoices whose payment due date passed on the service clock (a sandbox's: on its own) with something still due, oldest
 * due first; `invoicing.invoice.overdue` leaves with the same transaction. Rows another replica or a payment holds are
 * skipped (SKIP LOCKED) and taken next round. Returns how many were marked.
 */
export async function markOverdueInvoices(services: SubgraphServices, perRound = 200): Promise<number> {
  return forEachTimeScope(services.clock, (scope) => markOverdueIn(services, scope, perRound));
}

async function markOverdueIn(services: SubgraphServices, scope: TimeScope, perRound: number): Promise<number> {
  return services.db.transact(async (tx) => {
    const rows = returnedRows<OverdueRow>(
      await tx.manager.query(
        `UPDATE invoices SET status = 'OVERDUE'
          WHERE id IN (SELECT id FROM invoices WHERE status = 'ISSUED' AND due_at < $1 AND amount_due > 0
                          AND ${scopeCondition('platform_id', 3, 4)}
                        ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING id, platform_id, number, customer_id, subscription_id, currency, total::text, amount_paid::text,
                    amount_due::text, issued_at, due_at`,
        [scope.now, perRound, ...scopeParameters(scope)],
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
