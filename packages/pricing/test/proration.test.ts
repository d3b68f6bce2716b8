import { prorate } from '../src';
import { d } from './support';

const at = (iso: string): Date => new Date(iso);
const april = { start: at('2026-04-01T00:00:00Z'), end: at('2026-05-01T00:00:00Z') };
const may = { start: at('2026-05-01T00:00:00Z'), end: at('2026-06-01T00:00:00Z') };

describe('prorate', () => {
  it('prorates by seconds over the period', () => {
    expect(prorate(d('30'), april, { start: at('2026-04-16T00:00:00Z'), end: april.end }).toFixed()).toBe('15');
    expect(prorate(d('31'), may, { start: at('2026-05-22T00:00:00Z'), end: may.end }).toFixed()).toBe('10');
    expect(prorate(d('30'), april, { start: april.start, end: at('2026-04-01T12:00:00Z') }).toFixed()).toBe('0.5');
  });
  it('is exact (unrounded) when the ratio does not terminate', () => {
    const part = { start: at('2026-05-22T00:00:00Z'), end: may.end };
    expect(prorate(d('100'), may, part).eq(d('1000').dividedBy(31))).toBe(true);
  });
  it('returns the whole amount for the whole period', () => expect(prorate(d('99.99'), may, may).toFixed()).toBe('99.99'));
  it('only counts the part inside the period', () => {
    const spanning = { start: at('2026-04-16T00:00:00Z'), end: at('2026-06-15T00:00:00Z') };
    expect(prorate(d('30'), april, spanning).toFixed()).toBe('15');
  });
  it('treats periods as half-open: a part starting at the end prorates to 0', () => {
    expect(prorate(d('30'), april, { start: april.end, end: may.end }).toFixed()).toBe('0');
    expect(prorate(d('30'), april, { start: april.start, end: april.start }).toFixed()).toBe('0');
  });
  it('honours offsets in the input timestamps', () => {
    const part = { start: at('2026-04-16T02:00:00+02:00'), end: april.end };
    expect(prorate(d('30'), april, part).toFixed()).toBe('15');
  });
  it('throws on an empty or inverted period, an inverted part, or an invalid date', () => {
    expect(() => prorate(d('1'), { start: april.start, end: april.start }, april)).toThrow(RangeError);
    expect(() => prorate(d('1'), { start: april.end, end: april.start }, april)).toThrow(RangeError);
    expect(() => prorate(d('1'), april, { start: april.end, end: april.start })).toThrow(RangeError);
    expect(() => prorate(d('1'), april, { start: at('not a date'), end: april.end })).toThrow(RangeError);
  });
});
