import fc from 'fast-check';
import { Decimal } from '@meterline/kit';
import { customerTotals, invoicesInScope, itemKey, reconcile, type OurInvoice } from '../src/domain/reconciliation';
import { isRejection, mappingProblem, mapRow, parsePeriodLabel, type TheirLine } from '../src/domain/reconciliation-file';

const d = (text: string) => new Decimal(text);
const month = (m: number) => ({ start: new Date(Date.UTC(2026, m - 1, 1)), end: new Date(Date.UTC(2026, m, 1)) });

function invoice(id: string, customer: string, m: number, lines: Array<[string, string]>): OurInvoice {
  return {
    id,
    customerId: `id-${customer}`,
    customerReference: customer,
    period: month(m),
    currency: 'EUR',
    lines: lines.map(([item, amount], i) => ({ lineId: `${id}-l${i}`, itemName: item, description: item, amount: d(amount) })),
  };
}

const their = (
  rowNumber: number,
  customer: string,
  m: number,
  item: string,
  amount: string,
  currency: string | null = null,
): TheirLine => ({
  rowNumber,
  customerReference: customer,
  period: month(m),
  item,
  amount: d(amount),
  currency,
});

const brief = (lines: ReturnType<typeof reconcile>) => lines.map((l) => [l.customerReference, l.item, l.outcome, l.delta.toFixed()]);

describe('reconciliation matching', () => {
  it('matches by customer, containing period and item; sums an item; says the delta as ours − theirs', () => {
    const ours = [
      invoice('i1', 'acme', 3, [
        ['Platform fee', '10'],
        ['API calls', '15.50'],
        ['API calls', '-2.50'],
      ]),
      invoice('i2', 'acme', 4, [['Platform fee', '10']]),
      invoice('i3', 'zeta', 3, [['Seats', '30']]),
    ];
    const file = [
      their(1, 'acme', 3, 'platform  FEE', '10.00'),
      their(2, 'acme', 3, 'API calls', '13.10'),
      their(3, 'acme', 4, 'Platform fee', '10'),
      their(4, 'acme', 4, 'Support', '5'),
      their(5, 'nobody', 3, 'Seats', '1'),
    ];
    const lines = reconcile({ file, invoices: ours });
    expect(brief(lines)).toEqual([
      ['acme', 'Platform fee', 'MATCHED', '0'],
      ['acme', 'API calls', 'DIFFERS', '-0.1'],
      ['acme', 'Platform fee', 'MATCHED', '0'],
      ['acme', 'Support', 'MISSING_IN_METERLINE', '-5'],
      ['nobody', 'Seats', 'MISSING_IN_METERLINE', '-1'],
      ['zeta', 'Seats', 'MISSING_IN_FILE', '30'],
    ]);
    expect(lines[1]).toMatchObject({ lineIds: ['i1-l1', 'i1-l2'], rowNumbers: [2], invoiceIds: ['i1'] });
    expect(lines[4].note).toBe('no Meterline customer with this reference');
    expect(customerTotals(lines).map((t) => [t.customerReference, t.theirs.toFixed(), t.ours.toFixed(), t.delta.toFixed()])).toEqual([
      ['acme', '38.1', '33', '-5.1'],
      ['nobody', '1', '0', '-1'],
      ['zeta', '0', '30', '30'],
    ]);
  });

  it('maps old item names with aliases; a week of the month belongs to the month’s invoice; zero lines absent elsewhere match', () => {
    const ours = [
      invoice('i1', 'acme', 3, [
        ['API calls', '12'],
        ['Storage', '0'],
      ]),
    ];
    const week = {
      ...their(1, 'acme', 3, 'Requests', '12'),
      period: { start: new Date('2026-03-08T00:00:00Z'), end: new Date('2026-03-15T00:00:00Z') },
    };
    const lines = reconcile({ file: [week], invoices: ours, aliases: [{ theirs: 'requests', ours: 'API CALLS' }] });
    expect(brief(lines)).toEqual([
      ['acme', 'API calls', 'MATCHED', '0'],
      ['acme', 'Storage', 'MATCHED', '0'],
    ]);
    expect(lines[1].note).toBe('zero in Meterline, not in the file');
  });

  it('a different currency in the file differs whatever the amounts; a customer known without invoices is told apart', () => {
    const lines = reconcile({
      file: [their(1, 'acme', 3, 'Fee', '10', 'USD'), their(2, 'known', 3, 'Fee', '10')],
      invoices: [invoice('i1', 'acme', 3, [['Fee', '10']])],
      customers: new Map([['known', 'id-known']]),
    });
    expect(lines.map((l) => [l.outcome, l.note])).toEqual([
      ['DIFFERS', 'currency USD in the file, EUR on the invoice'],
      ['MISSING_IN_METERLINE', 'no Meterline invoice of this customer for this period'],
    ]);
    expect(lines[1].customerId).toBe('id-known');
  });

  it('scopes our invoices to the file’s span of periods', () => {
    const ours = [invoice('a', 'c', 2, []), invoice('b', 'c', 3, []), invoice('c', 'c', 5, [])];
    expect(invoicesInScope([their(1, 'c', 3, 'x', '1'), their(2, 'c', 4, 'x', '1')], ours).map((i) => i.id)).toEqual(['b']);
    expect(invoicesInScope([], ours)).toEqual([]);
  });

  // Our invoices: customers × months × distinct items with non-zero amounts; the file written from them.
  const amount = fc
    .bigInt({ min: -100_000n, max: 1_000_000n })
    .filter((n) => n !== 0n)
    .map((n) => d(n.toString()).dividedBy(100));
  const world = fc
    .array(
      fc.record({
        customer: fc.constantFrom('acme', 'beta', 'gamma', 'delta'),
        month: fc.integer({ min: 1, max: 12 }),
        amounts: fc.array(amount, { minLength: 1, maxLength: 6 }),
      }),
      { minLength: 1, maxLength: 12 },
    )
    .map((specs) => {
      const seen = new Set<string>();
      return specs
        .filter((s) => !seen.has(`${s.customer}${s.month}`) && seen.add(`${s.customer}${s.month}`))
        .map((s, i) =>
          invoice(
            `inv${i}`,
            s.customer,
            s.month,
            s.amounts.map((a, j): [string, string] => [`Item ${j}`, a.toFixed()]),
          ),
        );
    });
  const fileOf = (invoices: OurInvoice[]): TheirLine[] =>
    invoices
      .flatMap((inv) =>
        inv.lines.map((l) => ({
          rowNumber: 0,
          customerReference: inv.customerReference,
          period: inv.period,
          item: l.description.toUpperCase(),
          amount: l.amount,
          currency: 'EUR',
        })),
      )
      .map((line, i) => ({ ...line, rowNumber: i + 1 }));

  it('a file written from our own invoices matches 100 % (property)', () => {
    fc.assert(
      fc.property(world, (invoices) => {
        const file = fileOf(invoices);
        const lines = reconcile({ file, invoices });
        expect(lines).toHaveLength(file.length);
        expect(lines.every((l) => l.outcome === 'MATCHED' && l.delta.isZero())).toBe(true);
        expect(customerTotals(lines).every((t) => t.delta.isZero())).toBe(true);
      }),
    );
  });

  it('mutating k amounts, dropping lines and adding lines finds exactly those differences (property)', () => {
    fc.assert(
      fc.property(
        world,
        fc.array(fc.tuple(fc.nat(), amount), { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(), amount), { maxLength: 3 }),
        (invoices, mutations, drops, additions) => {
          const file = fileOf(invoices);
          const expected = new Map<number, [string, string]>(); // row number → [outcome, delta]
          for (const [at, by] of mutations) {
            const row = file[at % file.length];
            if (expected.has(row.rowNumber)) continue;
            row.amount = row.amount.plus(by);
            expected.set(row.rowNumber, ['DIFFERS', by.negated().toFixed()]);
          }
          const dropped = new Set<number>();
          for (const at of drops) {
            const row = file[at % file.length];
            if (expected.has(row.rowNumber)) continue;
            dropped.add(row.rowNumber);
          }
          const kept = file.filter((r) => !dropped.has(r.rowNumber));
          const added = additions.map(([at, value], i) => {
            const host = file[at % file.length];
            return { ...host, rowNumber: 1000 + i, item: `Old item ${i}`, amount: value };
          });
          const lines = reconcile({ file: [...kept, ...added], invoices });
          const outcomeOf = (l: (typeof lines)[number]) => [l.outcome, l.delta.toFixed()];
          const differing = lines.filter((l) => l.outcome !== 'MATCHED');
          expect(differing).toHaveLength(expected.size + dropped.size + added.length);
          for (const l of lines) {
            if (l.rowNumbers.length === 0) {
              expect(l.outcome).toBe('MISSING_IN_FILE');
              continue;
            }
            const row = l.rowNumbers[0];
            if (row >= 1000) expect(outcomeOf(l)).toEqual(['MISSING_IN_METERLINE', added[row - 1000].amount.negated().toFixed()]);
            else expect(outcomeOf(l)).toEqual(expected.get(row) ?? ['MATCHED', '0']);
          }
          const missingInFile = lines.filter((l) => l.outcome === 'MISSING_IN_FILE');
          const droppedLines = file.filter((r) => dropped.has(r.rowNumber));
          expect(missingInFile.map((l) => [l.customerReference, itemKey(l.item), l.delta.toFixed()]).sort()).toEqual(
            droppedLines.map((r) => [r.customerReference, itemKey(r.item), r.amount.toFixed()]).sort(),
          );
        },
      ),
    );
  });
});

describe('reconciliation file rows', () => {
  const columns = ['Customer', 'Month', 'From', 'To', 'Description', 'Net', 'Cur'];
  const labelled = { customerReference: 'Customer', periodLabel: 'Month', item: 'Description', amount: 'Net', currency: 'Cur' };
  const ranged = { customerReference: 'Customer', periodStart: 'From', periodEnd: 'To', item: 'Description', amount: 'Net' };

  it('checks a mapping against the file’s columns, naming the mapping field', () => {
    expect(mappingProblem(labelled, columns)).toBeNull();
    expect(mappingProblem(ranged, columns)).toBeNull();
    expect(mappingProblem({ ...labelled, amount: '' }, columns)?.field).toBe('amount');
    expect(mappingProblem({ ...labelled, periodStart: 'From' }, columns)?.field).toBe('periodLabel');
    expect(mappingProblem({ ...ranged, periodEnd: null }, columns)?.field).toBe('periodEnd');
    expect(mappingProblem({ ...labelled, periodLabel: null }, columns)?.field).toBe('periodLabel');
    expect(mappingProblem({ ...labelled, item: 'Item' }, columns)).toEqual({
      field: 'item',
      message: expect.stringContaining('no column "Item"'),
    });
  });

  it('reads period labels: month, quarter, year, day', () => {
    const iso = (label: string) => {
      const p = parsePeriodLabel(label);
      return 'value' in p ? [p.value.start.toISOString().slice(0, 10), p.value.end.toISOString().slice(0, 10)] : p.reason;
    };
    expect(iso('2026-03')).toEqual(['2026-03-01', '2026-04-01']);
    expect(iso('2026-12')).toEqual(['2026-12-01', '2027-01-01']);
    expect(iso('2026-Q4')).toEqual(['2026-10-01', '2027-01-01']);
    expect(iso('2026')).toEqual(['2026-01-01', '2027-01-01']);
    expect(iso('2026-02-28')).toEqual(['2026-02-28', '2026-03-01']);
    expect(iso('2026-13')).toContain('not a period label');
    expect(iso('2026-02-30')).toContain('not a period label');
  });

  it('maps a row, or rejects it naming the field', () => {
    const row = (cells: Record<string, string>) => (column: string) => cells[column];
    const good = {
      Customer: ' acme ',
      Month: '2026-03',
      From: '2026-03-01',
      To: '2026-03-31',
      Description: 'API calls',
      Net: '12.50',
      Cur: 'eur',
    };
    expect(mapRow(1, row(good), labelled)).toEqual({
      rowNumber: 1,
      customerReference: 'acme',
      period: month(3),
      item: 'API calls',
      amount: d('12.5'),
      currency: 'EUR',
    });
    // Dates as bounds: the end date is inclusive (the whole of 31 March); instants are end-exclusive.
    expect(mapRow(1, row(good), ranged)).toMatchObject({ period: month(3), currency: null });
    expect(mapRow(1, row({ ...good, From: '2026-03-01T00:00:00Z', To: '2026-04-01T00:00:00+00:00' }), ranged)).toMatchObject({
      period: month(3),
    });
    const rejected = (cells: Partial<typeof good>, mapping: typeof labelled | typeof ranged = labelled) => {
      const r = mapRow(7, row({ ...good, ...cells }), mapping);
      return isRejection(r) ? [r.rowNumber, r.field] : r;
    };
    expect(rejected({ Net: '1,5' })).toEqual([7, 'amount']);
    expect(rejected({ Net: '' })).toEqual([7, 'amount']);
    expect(rejected({ Customer: ' ' })).toEqual([7, 'customerReference']);
    expect(rejected({ Description: '' })).toEqual([7, 'item']);
    expect(rejected({ Month: 'March' })).toEqual([7, 'periodLabel']);
    expect(rejected({ Cur: 'euro' })).toEqual([7, 'currency']);
    expect(rejected({ From: 'yesterday' }, ranged)).toEqual([7, 'periodStart']);
    expect(rejected({ To: '2026-02-01' }, ranged)).toEqual([7, 'periodEnd']);
  });
});
