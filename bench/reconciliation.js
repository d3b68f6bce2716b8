#!/usr/bin/env node
// Issue 16 point 5: the memory and time of one reconciliation job's comparison, which reads its file whole: a
// generated file of `rows` lines (customers × 10 items, one month) mapped by the job's own code (`mappedRows`) and
// compared (`reconcile`) with invoices that match it, in a process with the services' heap limit. Prints the heap peak
// above the start and the time of each step; the job's limit (MAX_FILE_ROWS) beside it. No services, no database.
// Usage: npm run build && node --max-old-space-size=384 bench/reconciliation.js [rows=50000]
const { performance } = require('node:perf_hooks');
const { getHeapStatistics } = require('node:v8');
const { MAX_FILE_ROWS, mappedRows } = require('../subgraphs/invoicing/dist/billing/reconciliations.js');
const { reconcile } = require('../subgraphs/invoicing/dist/domain/reconciliation.js');
const { Decimal } = require('../packages/kit/dist/domain.js');

const ROWS = Number(process.argv[2] ?? 50_000);
const ITEMS = ['Base fee', 'API calls', 'Storage', 'Seats', 'Support', 'Overage', 'Setup', 'Tokens', 'Minutes', 'Credits'];
const customers = Math.ceil(ROWS / ITEMS.length);
const amountOf = (c) => `${(c % 997) + 1}.25`;

let csv = 'Account,Month,Product,Net amount\n';
for (let c = 0; c < customers; c++) for (const item of ITEMS) csv += `cust-${c},2026-03,${item},${amountOf(c)}\n`;
const period = { start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-04-01T00:00:00Z') };

globalThis.gc?.();
const base = process.memoryUsage().heapUsed;
let peak = base;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 2);
const t0 = performance.now();
const { lines, rejections } = mappedRows(csv, {
  customerReference: 'Account',
  periodLabel: 'Month',
  item: 'Product',
  amount: 'Net amount',
});
csv = null;
const t1 = performance.now();
const ids = new Map();
const invoices = [];
for (let c = 0; c < customers; c++) {
  ids.set(`cust-${c}`, `id-${c}`);
  invoices.push({
    id: `inv-${c}`,
    customerId: `id-${c}`,
    customerReference: `cust-${c}`,
    period,
    currency: 'EUR',
    lines: ITEMS.map((item, k) => ({ lineId: `l-${c}-${k}`, itemName: item, description: item, amount: new Decimal(amountOf(c)) })),
  });
}
const t2 = performance.now();
const compared = reconcile({ file: lines, invoices, aliases: [], customers: ids });
const t3 = performance.now();
peak = Math.max(peak, process.memoryUsage().heapUsed);
clearInterval(sample);
const mib = (bytes) => (bytes / 2 ** 20).toFixed(0);
const matched = compared.filter((l) => l.outcome === 'MATCHED').length;
console.log(`reconciliation of ${lines.length} file lines (${rejections.length} rejected) against ${invoices.length} invoices:`);
console.log(`  mapped in ${(t1 - t0).toFixed(0)} ms, invoices built in ${(t2 - t1).toFixed(0)} ms, compared in ${(t3 - t2).toFixed(0)} ms`);
console.log(`  ${compared.length} result lines, ${matched} MATCHED`);
console.log(`  heap peak ${mib(peak - base)} MiB above the start, of a heap limit of ${mib(getHeapStatistics().heap_size_limit)} MiB`);
console.log(`  the job's limit: MAX_FILE_ROWS = ${MAX_FILE_ROWS}`);
