import fc from 'fast-check';
import {
  checkListSize,
  checkString,
  loneSurrogateAt,
  MAX_DECIMAL_DIGITS,
  parseDateTimeInput,
  parseDecimalInput,
  parseJsonObjectInput,
  REFERENCE_MAX_LENGTH,
  refused,
  STRING_MAX_LENGTH,
  valueOrBadInput,
  type Checked,
} from '../src/input-values';
import { AppError } from '../src/errors';

const valueOf = <T>(checked: Checked<T>): T => {
  if (refused(checked)) throw new Error(`refused: ${checked.reason}`);
  return checked.value;
};

describe('parseDecimalInput', () => {
  it.each(['0', '12.50', '-3', '0.0001', '007', '-0.5', '123456789012345678901234567890'])('reads the plain decimal %s exactly', (text) => {
    expect(valueOf(parseDecimalInput(text)).equals(text)).toBe(true);
  });

  it.each([
    '1e400',
    '1e5',
    '1E-3',
    'NaN',
    'Infinity',
    '-Infinity',
    '1,5',
    '.5',
    '5.',
    '+1',
    '',
    ' 1',
    '1 ',
    '1.2.3',
    '0x10',
    '١٢',
    '--1',
    '-',
  ])('refuses %j', (text) => {
    expect(refused(parseDecimalInput(text))).toBe(true);
  });

  it.each([12.5, null, undefined, true, {}, ['1']])('refuses the non-string %p', (value) => {
    expect(refused(parseDecimalInput(value))).toBe(true);
  });

  it(`accepts up to ${MAX_DECIMAL_DIGITS} digits, leading zeros aside`, () => {
    expect(refused(parseDecimalInput('9'.repeat(MAX_DECIMAL_DIGITS)))).toBe(false);
    expect(refused(parseDecimalInput(`0000${'9'.repeat(20)}.${'1'.repeat(20)}`))).toBe(false);
    expect(refused(parseDecimalInput('9'.repeat(MAX_DECIMAL_DIGITS + 1)))).toBe(true);
    expect(refused(parseDecimalInput(`1.${'0'.repeat(MAX_DECIMAL_DIGITS)}`))).toBe(true);
  });

  it('property: every plain decimal within the digit bound reads back to the same digits', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(fc.boolean(), digits, fc.option(digits, { nil: undefined }), (negative, int, frac) => {
        const text = `${negative ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`;
        const value = valueOf(parseDecimalInput(text));
        expect(value.equals(text)).toBe(true);
      }),
    );
  });

  it('property: a JS number written with an exponent is refused, never read through a float', () => {
    fc.assert(
      fc.property(fc.double(), (n) => {
        const text = String(n);
        const checked = parseDecimalInput(text);
        if (/e|N|I/.test(text)) expect(refused(checked)).toBe(true);
        else expect(valueOf(checked).toString()).toBe(text);
      }),
    );
  });
});

describe('parseDateTimeInput', () => {
  it.each([
    ['2026-02-28T23:59:59Z', '2026-02-28T23:59:59.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2026-04-17T15:33:00+02:00', '2026-04-17T13:33:00.000Z'],
    ['2026-04-17t15:33:00.5-05:30', '2026-04-17T21:03:00.500Z'],
    ['2026-04-17T15:33:00.123000000Z', '2026-04-17T15:33:00.123Z'],
    ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(valueOf(parseDateTimeInput(text)).toISOString()).toBe(iso);
  });

  it.each([
    '2026-02-30T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:60:00Z',
    '2026-12-31T23:59:60Z',
    '2026-01-01T00:00:00',
    '2026-01-01T00:00:00+2:00',
    '2026-01-01T00:00:00+24:00',
    '2026-01-01T00:00:00+01:60',
    '2026-01-01',
    '2026-01-01 00:00:00Z',
    'yesterday',
    '',
    ' 2026-01-01T00:00:00Z',
    '2026-01-01T00:00:00Z ',
    '0001-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '1970-01-01T00:30:00+01:00',
    '10000-01-01T00:00:00Z',
    '+002026-01-01T00:00:00Z',
    '2026-01-01T00:00:00.0001Z',
    '2026-01-01T00:00:00.Z',
  ])('refuses %j', (text) => {
    expect(refused(parseDateTimeInput(text))).toBe(true);
  });

  it.each([1_700_000_000_000, new Date(), null, {}])('refuses the non-string %p', (value) => {
    expect(refused(parseDateTimeInput(value))).toBe(true);
  });

  it('property: every instant between 1970 and 9999 written in UTC or with an offset reads back to the same instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1971, 0, 1)), max: new Date(Date.UTC(9998, 11, 31)), noInvalidDate: true }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (date, offset) => {
          expect(valueOf(parseDateTimeInput(date.toISOString())).getTime()).toBe(date.getTime());
          const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, -1);
          const sign = offset < 0 ? '-' : '+';
          const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
          const mm = String(Math.abs(offset) % 60).padStart(2, '0');
          expect(valueOf(parseDateTimeInput(`${local}${sign}${hh}:${mm}`)).getTime()).toBe(date.getTime());
        },
      ),
    );
  });

  it('property: a day past the end of its month is refused, never rolled over', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1970, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 29, max: 31 }),
        (year, month, day) => {
          const exists = new Date(Date.UTC(year, month - 1, day)).getUTCMonth() === month - 1;
          const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${day}T00:00:00Z`;
          expect(refused(parseDateTimeInput(text))).toBe(!exists);
        },
      ),
    );
  });
});

describe('checkString', () => {
  it('takes a string exactly as given', () => {
    expect(valueOf(checkString('  spaced text\twith\nlines  '))).toBe('  spaced text\twith\nlines  ');
    expect(valueOf(checkString('emoji 🎉 ok', 'name'))).toBe('emoji 🎉 ok');
    expect(valueOf(checkString('', 'description'))).toBe('');
  });

  it('refuses a NUL byte in every kind', () => {
    for (const kind of Object.keys(STRING_MAX_LENGTH) as Array<keyof typeof STRING_MAX_LENGTH>)
      expect(refused(checkString('a\u0000b', kind))).toBe(true);
  });

  it.each(['\ud800', 'a\udc00', '\udbff\udbff', 'x\ud83c'])('refuses the lone surrogate in %j', (text) => {
    expect(refused(checkString(text))).toBe(true);
  });

  it.each([' ref', 'ref ', 'ref\n', '\tref', 're\u0007f', 'ref\u0085'])('refuses %j as a reference or a name (never trimmed)', (text) => {
    expect(refused(checkString(text, 'reference'))).toBe(true);
    expect(refused(checkString(text, 'name'))).toBe(true);
  });

  it('refuses control characters other than tab and line breaks in free text', () => {
    expect(refused(checkString('bell\u0007'))).toBe(true);
    expect(refused(checkString('a\r\nb\tc'))).toBe(false);
  });

  it('limits the length per kind', () => {
    expect(REFERENCE_MAX_LENGTH).toBe(STRING_MAX_LENGTH.reference);
    expect(refused(checkString('r'.repeat(REFERENCE_MAX_LENGTH), 'reference'))).toBe(false);
    expect(refused(checkString('r'.repeat(REFERENCE_MAX_LENGTH + 1), 'reference'))).toBe(true);
    expect(refused(checkString('d'.repeat(STRING_MAX_LENGTH.description + 1), 'description'))).toBe(true);
    expect(refused(checkString('abcdef', 'text', 5))).toBe(true);
  });

  it('refuses what is not a string', () => {
    expect(refused(checkString(12))).toBe(true);
    expect(refused(checkString(null))).toBe(true);
  });

  it('property: well-formed text without NUL is accepted unchanged; adding a NUL or a lone surrogate is refused', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), fc.nat(50), (text, at) => {
        // eslint-disable-next-line no-control-regex
        const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
        expect(valueOf(checkString(clean))).toBe(clean);
        const i = Math.min(at, clean.length);
        expect(refused(checkString(`${clean.slice(0, i)}\u0000${clean.slice(i)}`))).toBe(true);
        expect(refused(checkString(`${clean}\udc00`))).toBe(true);
      }),
    );
  });

  it('property: loneSurrogateAt agrees with String.prototype.isWellFormed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        const wellFormed = (text as unknown as { isWellFormed?: () => boolean }).isWellFormed?.();
        if (wellFormed !== undefined) expect(loneSurrogateAt(text) === -1).toBe(wellFormed);
      }),
    );
  });
});

describe('parseJsonObjectInput', () => {
  it('takes a plain object as it is', () => {
    const object = { model: 'gpt-4', nested: { a: [1, 2] } };
    expect(valueOf(parseJsonObjectInput(object))).toBe(object);
    expect(valueOf(parseJsonObjectInput(Object.create(null) as object))).toEqual({});
  });

  it.each(['{"a":1}', ['a'], [], 1, null, undefined, true, new Date(), new Map()])('refuses %p', (value) => {
    expect(refused(parseJsonObjectInput(value))).toBe(true);
  });
});

describe('checkListSize and valueOrBadInput', () => {
  it('refuses a list over its bound with BAD_USER_INPUT naming the field', () => {
    expect(valueOrBadInput('groupBy', checkListSize(['a', 'b'], 2))).toEqual(['a', 'b']);
    let thrown: unknown;
    try {
      valueOrBadInput('groupBy', checkListSize(['a', 'b', 'c'], 2));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
  });
});
