import fc from 'fast-check';
import { AppError, Decimal } from '@meterline/kit';
import { canTransition, type InvoiceStatus } from '../src/domain/invoice-status';
import {
  amountDueOf,
  applyCredit,
  applyPayment,
  checkPaymentTermsDays,
  checkRefund,
  isOverdue,
  paymentDueAt,
  type PayableInvoice,
} from '../src/domain/payments';

const d = (value: string | number) => new Decimal(value);
const issued = (total: string, status: InvoiceStatus = 'ISSUED'): PayableInvoice => ({
  status,
  currency: 'EUR',
  total: d(total),
  deductions: d(0),
  credited: d(0),
  amountPaid: d(0),
});
const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof AppError ? { code: error.extensions.code, field: error.extensions.field, message: error.message } : error;
  }
  return undefined;
};
/** Cents from 0.01 to 10,000.00, as exact decimals. */
const cents = fc.integer({ min: 1, max: 1_000_000 }).map((c) => d(c).dividedBy(100));

describe('payments (domain)', () => {
  it('amount due is total − deductions − credited − paid, exactly', () => {
    expect(amountDueOf({ total: d('121.10'), deductions: d('1.10'), credited: d('20.005'), amountPaid: d('0.1') }).toFixed()).toBe(
      '99.895',
    );
  });

  it('partial payments add up to PAID with nothing due; more than due is refused naming input.amount', () => {
    const first = applyPayment(issued('100'), d('40.5'));
    expect([first.status, first.amountPaid.toFixed(), first.amountDue.toFixed()]).toEqual(['ISSUED', '40.5', '59.5']);
    expect(refusal(() => applyPayment(first, d('59.51')))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.amount',
      message: 'input.amount 59.51 is more than the 59.5 EUR still due',
    });
    expect(refusal(() => applyPayment(first, d('0.001')))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    expect(refusal(() => applyPayment(first, d('0')))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    const last = applyPayment({ ...first, status: 'OVERDUE' }, d('59.5'));
    expect([last.status, last.amountDue.toFixed()]).toEqual(['PAID', '0']);
    expect(refusal(() => applyPayment(last, d('0.01')))).toMatchObject({ code: 'CONFLICT', field: 'invoice' });
    expect(refusal(() => applyPayment(issued('100', 'DRAFT'), d('1')))).toMatchObject({ code: 'CONFLICT' });
    expect(refusal(() => applyPayment(issued('100', 'VOID'), d('1')))).toMatchObject({ code: 'CONFLICT' });
  });

  it('property: payments never exceed the total, and an invoice is PAID iff nothing is left due', () => {
    fc.assert(
      fc.property(cents, fc.array(cents, { maxLength: 12 }), (total, attempts) => {
        let invoice = { ...issued(total.toFixed()), amountDue: total };
        for (const amount of attempts) {
          try {
            invoice = applyPayment(invoice, amount);
          } catch {
            // refused only because it was more than due (or the invoice is already settled)
            expect(invoice.status === 'PAID' || amount.gt(invoice.amountDue)).toBe(true);
          }
          expect(invoice.amountPaid.lte(total)).toBe(true);
          expect(invoice.amountDue.gte(0)).toBe(true);
          expect(invoice.status === 'PAID').toBe(invoice.amountDue.eq(0));
        }
        // paying exactly what is left always settles it
        if (invoice.status !== 'PAID') expect(applyPayment(invoice, invoice.amountDue).status).toBe('PAID');
      }),
    );
  });

  it('a credit note that leaves nothing due settles an open invoice; on a paid one it leaves a balance to refund', () => {
    const credited = applyCredit(applyPayment(issued('100'), d('30')), d('70'));
    expect([credited.status, credited.amountDue.toFixed()]).toEqual(['PAID', '0']);
    const after = applyCredit(applyPayment(issued('100'), d('100')), d('20'));
    expect([after.status, after.amountDue.toFixed()]).toEqual(['PAID', '-20']);
    expect(applyCredit(issued('100', 'OVERDUE'), d('10')).status).toBe('OVERDUE');
  });

  it('refunds: at most the credit note’s total minus earlier refunds', () => {
    const note = { total: d('24.20'), currency: 'EUR', refunded: d('20') };
    expect(checkRefund(note, d('4.2')).toFixed()).toBe('4.2');
    expect(refusal(() => checkRefund(note, d('4.21')))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.amount',
      message: 'input.amount 4.21 is more than the 4.2 EUR left to refund on this credit note',
    });
    fc.assert(
      fc.property(cents, fc.array(cents, { maxLength: 10 }), (total, amounts) => {
        let refunded = d(0);
        for (const amount of amounts) {
          try {
            refunded = refunded.plus(checkRefund({ total, currency: 'EUR', refunded }, amount));
          } catch {
            expect(refunded.plus(amount).gt(total)).toBe(true);
          }
          expect(refunded.lte(total)).toBe(true);
        }
      }),
    );
  });

  it('lifecycle: ISSUED → OVERDUE → PAID; VOID from open statuses; PAID and VOID are final', () => {
    expect(canTransition('ISSUED', 'OVERDUE')).toBe(true);
    expect(canTransition('OVERDUE', 'PAID')).toBe(true);
    expect(canTransition('OVERDUE', 'VOID')).toBe(true);
    expect(canTransition('OVERDUE', 'ISSUED')).toBe(false);
    const all: InvoiceStatus[] = ['DRAFT', 'ISSUED', 'OVERDUE', 'PAID', 'VOID'];
    for (const to of all) {
      expect(canTransition('PAID', to)).toBe(false);
      expect(canTransition('VOID', to)).toBe(false);
    }
  });

  it('due dates: issue + whole days; overdue only after the due instant, while something is due', () => {
    const issuedAt = new Date('2026-03-31T10:00:00Z');
    expect(paymentDueAt(issuedAt, 14).toISOString()).toBe('2026-04-14T10:00:00.000Z');
    expect(paymentDueAt(issuedAt, 0)).toEqual(issuedAt);
    const dueAt = paymentDueAt(issuedAt, 14);
    const open = { ...issued('100'), dueAt };
    expect(isOverdue(open, dueAt)).toBe(false);
    expect(isOverdue(open, new Date(dueAt.getTime() + 1))).toBe(true);
    expect(isOverdue({ ...open, amountPaid: d(100) }, new Date(dueAt.getTime() + 1))).toBe(false);
    expect(isOverdue({ ...open, dueAt: null }, new Date('2030-01-01'))).toBe(false);
  });

  it('payment terms: whole days 0 to 365 or null, refused naming the field', () => {
    expect(checkPaymentTermsDays('input.paymentTermsDays', 0)).toBe(0);
    expect(checkPaymentTermsDays('input.paymentTermsDays', null)).toBeNull();
    for (const bad of [-1, 366, 1.5])
      expect(refusal(() => checkPaymentTermsDays('input.paymentTermsDays', bad))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.paymentTermsDays',
      });
  });
});
