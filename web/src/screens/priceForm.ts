/**
 * The price editor's form state and its conversions, free of React: form → PriceInput (null while incomplete), a stored
 * price → form (to edit it), a short description of a price, and the usages its previews and chart ask for.
 * Values stay decimal strings; the only numbers are the chart's sample points.
 */
import type {
  PriceConfigFieldsFragment,
  PriceDefinitionFieldsFragment,
  ChargeType,
  PriceConfigInput,
  PriceInput,
  PriceModel,
  PriceUsageInput,
} from '../generated';

export const PRICE_MODELS: PriceModel[] = [
  'FLAT',
  'PER_UNIT',
  'PACKAGE',
  'GRADUATED',
  'VOLUME',
  'STAIRSTEP',
  'PERCENTAGE',
  'GRADUATED_PERCENTAGE',
];

/** The models the catalog accepts for each charge type (percentages only price transaction amounts, i.e. usage). */
const MODELS_BY_CHARGE_TYPE: Record<ChargeType, PriceModel[]> = {
  USAGE: PRICE_MODELS,
  RECURRING: ['FLAT'],
  SEAT: ['PER_UNIT', 'GRADUATED', 'VOLUME', 'STAIRSTEP', 'PACKAGE'],
  ONE_OFF: ['FLAT', 'PER_UNIT'],
};

/** Models an item of this charge type can be priced with; every model while no item is chosen. */
export const modelsFor = (chargeType: ChargeType | undefined): PriceModel[] =>
  chargeType ? MODELS_BY_CHARGE_TYPE[chargeType] : PRICE_MODELS;

/** PERCENTAGE and GRADUATED_PERCENTAGE price transaction amounts; the other models price a quantity. */
export const pricesAmounts = (model: PriceModel): boolean => model === 'PERCENTAGE' || model === 'GRADUATED_PERCENTAGE';

export interface TierRow {
  upTo: string;
  unitPrice: string;
  flatFee: string;
}

export interface StepRow {
  upTo: string;
  amount: string;
}

export interface PercentageTierRow {
  upTo: string;
  rate: string;
  flatFee: string;
}

/** Every field of every model: switching models keeps what was typed. */
export interface ConfigForm {
  model: PriceModel;
  amount: string;
  unitPrice: string;
  packageSize: string;
  packagePrice: string;
  freeUnits: string;
  tiers: TierRow[];
  steps: StepRow[];
  percentageTiers: PercentageTierRow[];
  rate: string;
  fixedFee: string;
  minPerTransaction: string;
  maxPerTransaction: string;
  freeTransactions: string;
  freeAmount: string;
}

export interface MatchRow {
  property: string;
  value: string;
}

/** A dimension rule: usage whose event properties equal every `match` row is priced with `config`. */
export interface DimensionForm {
  match: MatchRow[];
  config: ConfigForm;
}

/** The default price (for usage no rule matches) and its dimension rules, in order (the first match wins). */
export interface PriceForm {
  config: ConfigForm;
  dimensions: DimensionForm[];
}

export const emptyTier = (): TierRow => ({ upTo: '', unitPrice: '', flatFee: '' });
export const emptyStep = (): StepRow => ({ upTo: '', amount: '' });
export const emptyPercentageTier = (): PercentageTierRow => ({ upTo: '', rate: '', flatFee: '' });
export const emptyMatch = (): MatchRow => ({ property: '', value: '' });

export function emptyConfig(model: PriceModel = 'FLAT'): ConfigForm {
  return {
    model,
    amount: '',
    unitPrice: '',
    packageSize: '',
    packagePrice: '',
    freeUnits: '',
    tiers: [{ ...emptyTier(), upTo: '1000' }, emptyTier()],
    steps: [{ ...emptyStep(), upTo: '10' }, emptyStep()],
    percentageTiers: [{ ...emptyPercentageTier(), upTo: '10000' }, emptyPercentageTier()],
    rate: '',
    fixedFee: '',
    minPerTransaction: '',
    maxPerTransaction: '',
    freeTransactions: '',
    freeAmount: '',
  };
}

export const emptyPriceForm = (): PriceForm => ({ config: emptyConfig(), dimensions: [] });

export const emptyDimension = (model: PriceModel): DimensionForm => ({ match: [emptyMatch()], config: emptyConfig(model) });

const t = (value: string) => value.trim();
/** `{ [key]: value }` when the optional field is filled in, else nothing. */
const optional = <K extends string>(key: K, value: string) => (t(value) ? ({ [key]: t(value) } as Record<K, string>) : {});
/** A blank bound is the open, last tier. */
const upTo = (value: string) => t(value) || null;

/** The API input of one model's fields, or null while a required field is blank. */
export function configInput(form: ConfigForm): PriceConfigInput | null {
  switch (form.model) {
    case 'FLAT':
      return t(form.amount) ? { model: 'FLAT', amount: t(form.amount) } : null;
    case 'PER_UNIT':
      return t(form.unitPrice) ? { model: 'PER_UNIT', unitPrice: t(form.unitPrice) } : null;
    case 'PACKAGE':
      if (!t(form.packageSize) || !t(form.packagePrice)) return null;
      return {
        model: 'PACKAGE',
        packageSize: t(form.packageSize),
        packagePrice: t(form.packagePrice),
        ...optional('freeUnits', form.freeUnits),
      };
    case 'GRADUATED':
    case 'VOLUME':
      if (form.tiers.length === 0 || form.tiers.some((tier) => !t(tier.unitPrice))) return null;
      return {
        model: form.model,
        tiers: form.tiers.map((tier) => ({ upTo: upTo(tier.upTo), unitPrice: t(tier.unitPrice), ...optional('flatFee', tier.flatFee) })),
      };
    case 'STAIRSTEP':
      if (form.steps.length === 0 || form.steps.some((step) => !t(step.amount))) return null;
      return { model: 'STAIRSTEP', steps: form.steps.map((step) => ({ upTo: upTo(step.upTo), amount: t(step.amount) })) };
    case 'PERCENTAGE':
      if (!t(form.rate)) return null;
      return {
        model: 'PERCENTAGE',
        rate: t(form.rate),
        ...optional('fixedFee', form.fixedFee),
        ...optional('minPerTransaction', form.minPerTransaction),
        ...optional('maxPerTransaction', form.maxPerTransaction),
        ...optional('freeTransactions', form.freeTransactions),
        ...optional('freeAmount', form.freeAmount),
      };
    case 'GRADUATED_PERCENTAGE':
      if (form.percentageTiers.length === 0 || form.percentageTiers.some((tier) => !t(tier.rate))) return null;
      return {
        model: 'GRADUATED_PERCENTAGE',
        percentageTiers: form.percentageTiers.map((tier) => ({
          upTo: upTo(tier.upTo),
          rate: t(tier.rate),
          ...optional('flatFee', tier.flatFee),
        })),
      };
  }
}

/** The property values a rule matches, or null while a row is half filled in (or there is none). */
export function matchOf(rows: MatchRow[]): Record<string, string> | null {
  if (rows.length === 0 || rows.some((row) => !t(row.property) || !t(row.value))) return null;
  return Object.fromEntries(rows.map((row) => [t(row.property), t(row.value)]));
}

/** The PriceInput a form describes, or null while it is incomplete. */
export function priceInput(form: PriceForm): PriceInput | null {
  const config = configInput(form.config);
  if (!config) return null;
  if (form.dimensions.length === 0) return config;
  const dimensions = form.dimensions.map((rule) => {
    const match = matchOf(rule.match);
    const price = configInput(rule.config);
    return match && price ? { match, price } : null;
  });
  if (dimensions.some((rule) => rule === null)) return null;
  return { ...config, dimensions: dimensions as NonNullable<(typeof dimensions)[number]>[] };
}

/** The form of a stored price config: its own model's fields, the editor's defaults for the others. */
export function configForm(config: PriceConfigFieldsFragment): ConfigForm {
  const empty = emptyConfig(config.model);
  const text = (value: string | null) => value ?? '';
  return {
    model: config.model,
    amount: text(config.amount),
    unitPrice: text(config.unitPrice),
    packageSize: text(config.packageSize),
    packagePrice: text(config.packagePrice),
    freeUnits: text(config.freeUnits),
    tiers: config.tiers?.map((tier) => ({ upTo: text(tier.upTo), unitPrice: tier.unitPrice, flatFee: tier.flatFee })) ?? empty.tiers,
    steps: config.steps?.map((step) => ({ upTo: text(step.upTo), amount: step.amount })) ?? empty.steps,
    percentageTiers:
      config.percentageTiers?.map((tier) => ({ upTo: text(tier.upTo), rate: tier.rate, flatFee: tier.flatFee })) ?? empty.percentageTiers,
    rate: text(config.rate),
    fixedFee: text(config.fixedFee),
    minPerTransaction: text(config.minPerTransaction),
    maxPerTransaction: text(config.maxPerTransaction),
    freeTransactions: text(config.freeTransactions),
    freeAmount: text(config.freeAmount),
  };
}

/** The form that edits an existing price. */
export function priceForm(price: PriceDefinitionFieldsFragment): PriceForm {
  return {
    config: configForm(price),
    dimensions: price.dimensions.map((rule) => ({
      match: Object.entries(rule.match).map(([property, value]) => ({ property, value: String(value) })),
      config: configForm(rule.price),
    })),
  };
}

/** The form with every model an item of this charge type cannot use replaced by the first one it can. */
export function restrictModels(form: PriceForm, models: PriceModel[]): PriceForm {
  const fit = (config: ConfigForm) => (models.includes(config.model) ? config : { ...config, model: models[0] });
  return { config: fit(form.config), dimensions: form.dimensions.map((rule) => ({ ...rule, config: fit(rule.config) })) };
}

/** "model=gpt-4, region=eu": what a rule matches. */
export const matchLabel = (match: Record<string, unknown>): string =>
  Object.entries(match)
    .map(([property, value]) => `${property}=${String(value)}`)
    .join(', ');

const isZero = (value: string | null) => value === null || /^0*(\.0*)?$/.test(value);

function describeConfig(p: PriceConfigFieldsFragment): string {
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  switch (p.model) {
    case 'FLAT':
      return `FLAT ${p.amount ?? ''}`;
    case 'PER_UNIT':
      return `PER_UNIT ${p.unitPrice ?? ''} per unit`;
    case 'PACKAGE':
      return `PACKAGE ${p.packagePrice ?? ''} per ${p.packageSize ?? ''} units${isZero(p.freeUnits) ? '' : `, ${p.freeUnits} free`}`;
    case 'GRADUATED':
    case 'VOLUME':
      return `${p.model} ${plural(p.tiers?.length ?? 0, 'tier')}`;
    case 'STAIRSTEP':
      return `STAIRSTEP ${plural(p.steps?.length ?? 0, 'step')}`;
    case 'GRADUATED_PERCENTAGE':
      return `GRADUATED_PERCENTAGE ${plural(p.percentageTiers?.length ?? 0, 'tier')}`;
    case 'PERCENTAGE':
      return [
        `PERCENTAGE ${p.rate ?? ''} %`,
        isZero(p.fixedFee) ? '' : ` + ${p.fixedFee}`,
        p.minPerTransaction ? `, min ${p.minPerTransaction}` : '',
        p.maxPerTransaction ? `, max ${p.maxPerTransaction}` : '',
        isZero(p.freeTransactions) ? '' : `, ${p.freeTransactions} free transactions`,
        isZero(p.freeAmount) ? '' : `, ${p.freeAmount} free`,
      ].join('');
  }
}

/** A short description of a price, e.g. "FLAT 100", "GRADUATED 3 tiers" or "PER_UNIT 0.04 per unit · 1 dimension rule". */
export function describePrice(price: PriceDefinitionFieldsFragment): string {
  const rules = price.dimensions.length;
  return describeConfig(price) + (rules ? ` · ${rules} dimension rule${rules === 1 ? '' : 's'}` : '');
}

/** The usage a preview prices: a quantity, or comma-separated transaction amounts; under a rule, with its property values. */
export function previewUsage(text: string, model: PriceModel, match: Record<string, unknown> | null): PriceUsageInput | null {
  let usage: { quantity: string } | { amounts: string[] };
  if (pricesAmounts(model)) {
    const amounts = text.split(',').map(t).filter(Boolean);
    if (amounts.length === 0) return null;
    usage = { amounts };
  } else {
    if (!t(text)) return null;
    usage = { quantity: t(text) };
  }
  return match ? { dimensions: [{ properties: match, ...usage }] } : usage;
}

export const CURVE_POINTS = 11;

/** Where the chart should end: past the last bound of tiers or steps, a few packages, else 100. */
function curveEnd(config: PriceConfigInput): number {
  const bounds = [...(config.tiers ?? []), ...(config.steps ?? []), ...(config.percentageTiers ?? [])]
    .map((row) => Number(row.upTo))
    .filter((bound) => Number.isFinite(bound) && bound > 0);
  if (bounds.length) return 2 * Math.max(...bounds);
  if (config.model === 'PACKAGE') {
    const end = Number(config.freeUnits ?? 0) + 5 * Number(config.packageSize);
    if (Number.isFinite(end) && end > 0) return end;
  }
  if (config.model === 'PERCENTAGE' && Number(config.freeAmount) > 0) return 2 * Number(config.freeAmount);
  return 100;
}

/**
 * The chart's x values: CURVE_POINTS evenly spaced round quantities (or transaction amounts) from 0 to at least the
 * end of the interesting range, e.g. 0, 200, …, 2000 for tiers up to 1000.
 */
export function curveQuantities(config: PriceConfigInput): string[] {
  const wanted = curveEnd(config) / (CURVE_POINTS - 1);
  let exponent = Math.floor(Math.log10(wanted));
  let mantissa = [1, 2, 2.5, 5, 10].find((m) => m * 10 ** exponent >= wanted) ?? 10;
  if (mantissa === 10) [mantissa, exponent] = [1, exponent + 1];
  const decimals = Math.max(0, -exponent + (mantissa === 2.5 ? 1 : 0));
  const step = mantissa * 10 ** exponent;
  return Array.from({ length: CURVE_POINTS }, (_, i) => (i * step).toFixed(decimals));
}

/** The usage of each chart point: one quantity, or one transaction of that amount for percentage models. */
export function curveUsages(quantities: string[], model: PriceModel, match: Record<string, unknown> | null): PriceUsageInput[] {
  return quantities.map((quantity) => previewUsage(quantity, model, match) as PriceUsageInput);
}
