import { appendFileSync, writeFileSync } from 'node:fs';

/**
 * What the fuzz suite found. Failing classes break the test; `ACCEPTED` (a wrong value the API took and answered back
 * unchanged) is reported for the reader to judge: `year 0001` or `int 2147483647` may be legal somewhere and absurd
 * elsewhere, but a silent change never is.
 */
export const FAILING = [
  'HTTP_5XX',
  'NOT_JSON',
  'REQUEST_FAILED',
  'INTERNAL_SERVER_ERROR',
  'BAD_USER_INPUT_WITHOUT_FIELD',
  'REJECTION_WITHOUT_FIELD',
  'READBACK_DIFFERS',
  'TENANT_LEAK',
  'IMPORT_NOT_COMPLETED',
  'IMPORT_LOST_GOOD_ROWS',
] as const;
export type FindingClass = (typeof FAILING)[number] | 'ACCEPTED';

export interface Finding {
  class: FindingClass;
  /** The door: a root field (`createCustomer`), `POST /v1/events`, `POST /v1/imports (csv)`. */
  door: string;
  /** Argument or input path (`input.billingAddress.city`), or the REST field / CSV column. */
  field: string;
  /** The wrong value's label from the catalogue. */
  value: string;
  mode: string;
  status?: number;
  code?: string;
  message?: string;
}

export class Findings {
  readonly all: Finding[] = [];
  private readonly reportPath = process.env.FUZZ_REPORT;

  constructor() {
    if (this.reportPath) writeFileSync(this.reportPath, '');
  }

  add(finding: Finding): void {
    const short = { ...finding, message: finding.message?.slice(0, 300) };
    this.all.push(short);
    if (this.reportPath) appendFileSync(this.reportPath, `${JSON.stringify(short)}\n`);
  }

  /** With FUZZ_REPORT=path, the grouped findings go to path.md too. */
  writeMarkdown(heading: string): void {
    if (this.reportPath) writeFileSync(`${this.reportPath}.md`, markdown(this.all, heading));
  }

  failures(doorPrefix?: string): Finding[] {
    return this.all.filter((f) => f.class !== 'ACCEPTED' && (doorPrefix === undefined || f.door.startsWith(doorPrefix)));
  }

  /** Counts per class, then per class and door, for the log. */
  summary(): string {
    const byClass = new Map<string, number>();
    const byDoor = new Map<string, number>();
    for (const f of this.all) {
      byClass.set(f.class, (byClass.get(f.class) ?? 0) + 1);
      const key = `${f.class} ${f.door}`;
      byDoor.set(key, (byDoor.get(key) ?? 0) + 1);
    }
    const lines = ['fuzz findings per class:', ...[...byClass].sort().map(([k, n]) => `  ${k}: ${n}`), 'per class and door:'];
    lines.push(...[...byDoor].sort().map(([k, n]) => `  ${k}: ${n}`));
    return lines.join('\n');
  }
}

const count = <T>(items: T[], key: (item: T) => string) => {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
};

const cell = (text: string | number | undefined) =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .split('')
    .map((c) => (c.charCodeAt(0) < 0x20 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c))
    .join('')
    .slice(0, 160);

/** The findings as Markdown: counts per class, per class and door, per class and wrong value, and examples. */
export function markdown(findings: Finding[], heading: string): string {
  const lines = [`# ${heading}`, '', '## Counts per class', '', '| class | findings |', '|---|---|'];
  for (const [k, n] of count(findings, (f) => f.class)) lines.push(`| ${k} | ${n} |`);
  lines.push('', '## Per class and door (root field or REST door)', '', '| class | door | findings |', '|---|---|---|');
  for (const [k, n] of count(findings, (f) => `${f.class}\t${f.door}`)) lines.push(`| ${k.split('\t').join(' | ')} | ${n} |`);
  lines.push('', '## Per class and wrong value', '', '| class | value | findings |', '|---|---|---|');
  for (const [k, n] of count(findings, (f) => `${f.class}\t${f.value}`)) lines.push(`| ${k.split('\t').join(' | ')} | ${n} |`);
  lines.push('', '## Examples (up to 3 per class and door)', '', '| class | door(field) | value | sent as | status | code | message |');
  lines.push('|---|---|---|---|---|---|---|');
  const shown = new Map<string, number>();
  for (const f of findings) {
    const key = `${f.class} ${f.door}`;
    const n = shown.get(key) ?? 0;
    shown.set(key, n + 1);
    if (n >= 3) continue;
    lines.push(
      `| ${f.class} | ${cell(`${f.door}(${f.field})`)} | ${cell(f.value)} | ${f.mode} | ${f.status ?? ''} | ${f.code ?? ''} | ${cell(f.message)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A few failures of each class, to read in a test failure without the report file. */
export function examples(failures: Finding[], perClass = 5): string {
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (const f of failures) {
    const n = seen.get(f.class) ?? 0;
    seen.set(f.class, n + 1);
    if (n < perClass)
      out.push(`${f.class} ${f.door}(${f.field}) = ${f.value} [${f.mode}] → ${f.status ?? ''} ${f.code ?? ''} ${f.message ?? ''}`);
  }
  return out.join('\n');
}
