import fc from 'fast-check';
import {
  documentMail,
  failureReason,
  isPermanentFailure,
  MAX_ATTEMPTS,
  nextAttemptAt,
  RETRY_PAUSES_MS,
} from '../src/domain/email-delivery';

const at = new Date('2026-03-10T12:00:00Z');

describe('e-mail delivery rules', () => {
  it('retries after 1 min, 5 min, 30 min, 2 h and 6 h, then gives up after the sixth attempt', () => {
    expect(RETRY_PAUSES_MS.map((_, i) => nextAttemptAt(i + 1, at)!.getTime() - at.getTime())).toEqual([
      60_000, 300_000, 1_800_000, 7_200_000, 21_600_000,
    ]);
    expect(MAX_ATTEMPTS).toBe(6);
    expect(nextAttemptAt(6, at)).toBeNull();
    expect(nextAttemptAt(0, at)).toBeNull();
  });

  it('every retry is later than the failure and later than the one before; at most MAX_ATTEMPTS attempts in all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (ms) => {
        const failed = new Date(ms);
        let attempts = 1;
        let previous = 0;
        for (let next = nextAttemptAt(attempts, failed); next; next = nextAttemptAt(++attempts, failed)) {
          const pause = next.getTime() - failed.getTime();
          expect(pause).toBeGreaterThan(previous);
          previous = pause;
        }
        expect(attempts).toBe(MAX_ATTEMPTS);
      }),
    );
  });

  it('a 5xx reply is permanent; a 4xx reply or a connection error is tried again', () => {
    expect(isPermanentFailure({ responseCode: 550, message: 'No such user' })).toBe(true);
    expect(isPermanentFailure({ responseCode: 554, message: 'Rejected' })).toBe(true);
    expect(isPermanentFailure({ responseCode: 451, message: 'Try later' })).toBe(false);
    expect(isPermanentFailure({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })).toBe(false);
    expect(isPermanentFailure({ message: 'anything else' })).toBe(false);
  });

  it('keeps what the server said, at most 500 characters', () => {
    expect(failureReason({ responseCode: 550, message: 'No such user' })).toBe('550 No such user');
    expect(failureReason({ code: 'ETIMEDOUT', message: 'Connection timeout' })).toBe('ETIMEDOUT Connection timeout');
    const long = failureReason({ message: 'x'.repeat(2_000) });
    expect(long).toHaveLength(500);
    expect(long.endsWith('…')).toBe(true);
  });

  it('says what the document is, from whom, for how much and until when; the attachment is named by the number', () => {
    const invoice = documentMail({
      kind: 'INVOICE',
      number: 'INV-000042',
      sellerName: 'Acme GmbH',
      customerName: 'Globex',
      total: '€1,234.50',
      dueDate: 'April 9, 2026',
    });
    expect(invoice.subject).toBe('Invoice INV-000042 from Acme GmbH');
    expect(invoice.text).toContain('invoice INV-000042 from Acme GmbH for €1,234.50, due on April 9, 2026.');
    expect(invoice.filename).toBe('INV-000042.pdf');
    const note = documentMail({
      kind: 'CREDIT_NOTE',
      number: 'CN/2026 7',
      sellerName: 'Acme',
      customerName: 'Globex',
      total: '€5.00',
      dueDate: null,
    });
    expect(note.subject).toBe('Credit note CN/2026 7 from Acme');
    expect(note.text).toContain('credit note CN/2026 7 from Acme for €5.00.');
    expect(note.filename).toBe('CN_2026_7.pdf');
  });
});
