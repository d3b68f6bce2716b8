import type { Decimal } from '@meterline/kit';
import type { PriceConfig, PriceConfigInput, PriceDefinition, PriceInput } from './price.type';

type Json = Record<string, unknown>;

const DECIMAL_FIELDS = [
  'amount',
  'unitPrice',
  'packageSize',
  'packagePrice',
  'freeUnits',
  'rate',
  'fixedFee',
  'minPerTransaction',
  'maxPerTransaction',
  'freeTransactions',
  'freeAmount',
] as const;

const text = (value: Decimal | null | undefined) => (value === null || value === undefined ? value : value.toFixed());

function configToJson(input: PriceConfigInput): Json {
  const json: Json = { model: input.model };
  for (const field of DECIMAL_FIELDS) if (input[field] !== undefined && input[field] !== null) json[field] = text(input[field]);
  if (input.tiers)
    json.tiers = input.tiers.map((t) => ({
      upTo: text(t.upTo) ?? null,
      unitPrice: text(t.unitPrice),
      ...(t.flatFee ? { flatFee: text(t.flatFee) } : {}),
    }));
  if (input.steps) json.steps = input.steps.map((s) => ({ upTo: text(s.upTo) ?? null, amount: text(s.amount) }));
  // GraphQL needs its own input type for percentage tiers; the engine reads them as `tiers`.
  if (input.percentageTiers) {
    json.tiers = input.percentageTiers.map((t) => ({
      upTo: text(t.upTo) ?? null,
      rate: text(t.rate),
      ...(t.flatFee ? { flatFee: text(t.flatFee) } : {}),
    }));
  }
  return json;
}

/** GraphQL PriceInput → the pricing engine's JSON form (decimal strings), which is also what is stored and sent in events. */
export function priceInputToJson(input: PriceInput): Json {
  const json = configToJson(input);
  if (input.dimensions?.length) json.dimensions = input.dimensions.map((d) => ({ match: d.match, config: configToJson(d.price) }));
  return json;
}

function configFromJson(json: Json): PriceConfig {
  const config = { ...json } as unknown as PriceConfig & { tiers?: Json[] };
  if (json.model === 'GRADUATED_PERCENTAGE') {
    config.percentageTiers = (json.tiers as Json[]).map((t) => ({
      upTo: (t.upTo as string | null) ?? null,
      rate: t.rate as string,
      flatFee: (t.flatFee as string) ?? '0',
    }));
    delete config.tiers;
  } else if (json.tiers) {
    config.tiers = (json.tiers as Json[]).map((t) => ({
      upTo: (t.upTo as string | null) ?? null,
      unitPrice: t.unitPrice as string,
      flatFee: (t.flatFee as string) ?? '0',
    }));
  }
  return config;
}

/** Stored JSON → the GraphQL Price output. */
export function priceFromJson(json: Json): PriceDefinition {
  const dimensions = ((json.dimensions as Json[] | undefined) ?? []).map((d) => ({
    match: d.match as Record<string, string>,
    price: configFromJson(d.config as Json),
  }));
  const { dimensions: _dimensions, ...config } = json;
  return { ...configFromJson(config), dimensions };
}
