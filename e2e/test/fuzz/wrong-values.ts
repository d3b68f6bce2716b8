/**
 * The catalogue of wrong values the fuzz suite sends, by the meaning of a field (its GraphQL type, or what a String
 * field holds: a `timestamp: String` is a date-time, a `number: String` a decimal). Each value has a label (what the
 * report groups by) and how it travels: `vars` as a JSON variable, `literal` as inline GraphQL text (default: printed
 * from `vars`). A value without `vars` is sent inline only (e.g. a Float literal `1e400`).
 */
export interface WrongValue {
  label: string;
  vars?: unknown;
  literal?: string;
}

export type Meaning = 'Decimal' | 'DateTime' | 'String' | 'Int' | 'Float' | 'JSONObject' | 'Enum' | 'ID' | 'Boolean';

const v = (label: string, vars: unknown, literal?: string): WrongValue => ({ label, vars, literal });

const HUGE_STRING = 'x'.repeat(100_000);

/** Nested `depth` levels deep: {"a":{"a":…}}. */
export function deepObject(depth: number): Record<string, unknown> {
  let out: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < depth; i += 1) out = { a: out };
  return out;
}

const STRINGS: WrongValue[] = [
  v('string with NUL byte', 'a\u0000b'),
  v('lone surrogate', 'a\ud800b'),
  v('100k chars', HUGE_STRING),
  v('leading/trailing spaces', '  padded  '),
  v('control chars', '\tctl\u0007\n'),
  v('empty string', ''),
];

const DECIMALS: WrongValue[] = [
  v('decimal 1e400', '1e400'),
  v('decimal NaN', 'NaN'),
  v('decimal Infinity', 'Infinity'),
  v('decimal -Infinity', '-Infinity'),
  v('decimal 1,5', '1,5'),
  v('decimal .5', '.5'),
  v('decimal +1', '+1'),
  v('decimal empty', ''),
  v('decimal with spaces', ' 1 '),
  v('decimal 400 digits', '9'.repeat(400)),
  v('decimal 0x10', '0x10'),
  v('decimal 1e-400', '1e-400'),
  v('Float literal 1e400', undefined, '1e400'),
];

const DATE_TIMES: WrongValue[] = [
  v('date 2026-02-30', '2026-02-30T00:00:00Z'),
  v('time 24:00', '2026-01-01T24:00:00Z'),
  v('date yesterday', 'yesterday'),
  v('date-time without offset', '2026-01-01T00:00:00'),
  v('month 13', '2026-13-01T00:00:00Z'),
  v('year 0001', '0001-01-01T00:00:00Z'),
  v('year 99999', '+099999-01-01T00:00:00Z'),
  v('date only', '2026-01-01'),
  v('second 60', '2026-01-01T00:00:60Z'),
  v('offset +25:00', '2026-01-01T00:00:00+25:00'),
  v('date-time with spaces', ' 2026-01-01T00:00:00Z '),
  v('date empty', ''),
];

const INTS: WrongValue[] = [
  v('int 2147483647', 2147483647),
  v('int -1', -1),
  v('int 0', 0),
  v('int -2147483648', -2147483648),
  v('int 2^31 (overflow)', 2147483648),
  v('int 1.5', 1.5),
  v('int as string', '1'),
];

const JSON_OBJECTS: WrongValue[] = [
  v('JSON object as string', '{"a":1}'),
  v('JSON array', [1, 2]),
  v('JSON nested 1000 deep', deepObject(1000)),
  v('JSON 100k-char value', { k: HUGE_STRING }),
  v('JSON NUL in key', { 'a\u0000': 'b' }),
  v('JSON lone surrogate value', { a: '\ud800' }),
  v('JSON number', 5),
];

const ENUMS: WrongValue[] = [
  v('enum unknown', 'NO_SUCH_VALUE'),
  v('enum lowercase', 'lowercase'),
  v('enum empty', ''),
  v('enum as number', 1),
];

const IDS: WrongValue[] = [
  v('id not a uuid', 'not-a-uuid'),
  v('id nil uuid', '00000000-0000-0000-0000-000000000000'),
  v('id with NUL', 'a\u0000b'),
  v('id 100k chars', HUGE_STRING),
  v('id empty', ''),
];

const BOOLEANS: WrongValue[] = [v('boolean as string', 'true'), v('boolean as number', 1)];

const FLOATS: WrongValue[] = [v('float as string', '1.5'), v('Float literal 1e400', undefined, '1e400')];

/** Wrong whatever the type: an object where a scalar belongs. */
const WRONG_SHAPE = v('object instead of scalar', { not: 'a scalar' });

/** The values of one meaning; references of another tenant are added by the caller (they exist only at run time). */
export function wrongValuesFor(meaning: Meaning, foreign: { ids: string[]; references: string[] }): WrongValue[] {
  const foreignIds = foreign.ids.map((id, i) => v(`another tenant's id #${i}`, id));
  const foreignRefs = foreign.references.map((ref, i) => v(`another tenant's reference #${i}`, ref));
  switch (meaning) {
    case 'Decimal':
      return [...DECIMALS, WRONG_SHAPE];
    case 'DateTime':
      return [...DATE_TIMES, WRONG_SHAPE];
    case 'String':
      return [...STRINGS, ...foreignRefs, ...foreignIds, WRONG_SHAPE];
    case 'Int':
      return [...INTS, WRONG_SHAPE];
    case 'Float':
      return [...FLOATS, WRONG_SHAPE];
    case 'JSONObject':
      return JSON_OBJECTS;
    case 'Enum':
      return [...ENUMS, WRONG_SHAPE];
    case 'ID':
      return [...IDS, ...foreignIds, WRONG_SHAPE];
    case 'Boolean':
      return [...BOOLEANS, WRONG_SHAPE];
  }
}

/** A list with `count` copies of `element` (the 10,000-items case). */
export const LIST_SIZE = 10_000;
