import fc from 'fast-check';
import {
  attemptAllowed,
  ChunkBuffer,
  REPORT_JOB_MAX_ATTEMPTS,
  reportJobDownloadPath,
  REPORT_JOB_STATUSES,
} from '../src/domain/report-job-status';

describe('ChunkBuffer', () => {
  it('cuts whatever arrives into chunks of exactly its size and a shorter last one, losing and reordering nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 40 }), (size, writes) => {
        const buffer = new ChunkBuffer(size);
        const chunks = writes.flatMap((w) => buffer.push(Buffer.from(w)));
        const rest = buffer.rest();
        expect(chunks.every((c) => c.length === size)).toBe(true);
        if (rest) expect(rest.length).toBeGreaterThan(0);
        if (rest) expect(rest.length).toBeLessThan(size);
        const all = Buffer.concat([...chunks, ...(rest ? [rest] : [])]);
        expect(all.equals(Buffer.concat(writes.map((w) => Buffer.from(w))))).toBe(true);
        expect(buffer.rest()).toBeNull();
      }),
    );
  });

  it('holds no more than one chunk between writes', () => {
    const buffer = new ChunkBuffer(4);
    expect(buffer.push(Buffer.from('ab'))).toEqual([]);
    expect(buffer.push(Buffer.from('cdefghij')).map(String)).toEqual(['abcd', 'efgh']);
    expect(String(buffer.rest())).toBe('ij');
  });

  it('refuses a size that is not a positive integer', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) expect(() => new ChunkBuffer(size)).toThrow(/positive integer/);
  });
});

describe('report job rules', () => {
  it('serves a file only once the job SUCCEEDED', () => {
    for (const status of REPORT_JOB_STATUSES)
      expect([status, reportJobDownloadPath({ id: 'j', status })]).toEqual([
        status,
        status === 'SUCCEEDED' ? '/v1/reports/jobs/j/csv' : null,
      ]);
  });

  it('allows attempts up to the maximum', () => {
    expect([1, REPORT_JOB_MAX_ATTEMPTS, REPORT_JOB_MAX_ATTEMPTS + 1].map(attemptAllowed)).toEqual([true, true, false]);
  });
});
