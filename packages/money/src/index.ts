import DecimalJs from 'decimal.js';

/** The one decimal type of Meterline: 40 significant digits, half-up rounding. Never a JS number for money. */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** Parses a decimal string ("12.50", "-3", "0.0001"); throws on anything else, including JS numbers' exponent notation. */
export function parseDecimal(value: string): Decimal {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value.trim())) {
    throw new TypeError(`"${String(value)}" is not a decimal number`);
  }
  return new Decimal(value.trim());
}

/** ISO 4217 minor-unit exponents that differ from 2. */
const MINOR_UNIT_EXCEPTIONS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

const CURRENCY_PATTERN = /^[A-Z]{3}$/;

export function isCurrencyCode(code: string): boolean {
  return CURRENCY_PATTERN.test(code);
}

export function minorUnits(currency: string): number {
  if (!isCurrencyCode(currency)) throw new TypeError(`"${currency}" is not an ISO 4217 currency code`);
  return MINOR_UNIT_EXCEPTIONS[currency] ?? 2;
}

/** Rounds once, half-up, to the currency's minor unit. */
export function roundToMinorUnit(amount: Decimal, currency: string): Decimal {
  return amount.toDecimalPlaces(minorUnits(currency), Decimal.ROUND_HALF_UP);
}

export interface MoneyValue {
  amount: Decimal;
  currency: string;
}
