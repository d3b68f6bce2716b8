import type { PriceModel } from '../generated';
import {
  emptyPercentageTier,
  emptyStep,
  emptyTier,
  type ConfigForm,
  type PercentageTierRow,
  type StepRow,
  type TierRow,
} from './priceForm';

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * Names of the fields of one price config: the default price's are "Amount", "Tier 1 up to", "Add tier"; a dimension
 * rule's carry its name: "Rule 1 amount", "Rule 1 tier 1 up to", "Add tier to rule 1".
 */
export interface Scope {
  field: (text: string) => string;
  of: (text: string) => string;
  to: (text: string) => string;
}

export function scope(rule?: string): Scope {
  if (!rule) return { field: (text) => text, of: (text) => text, to: (text) => text };
  return {
    field: (text) => `${rule} ${lowerFirst(text)}`,
    of: (text) => `${text} of ${lowerFirst(rule)}`,
    to: (text) => `${text} to ${lowerFirst(rule)}`,
  };
}

function DecimalField({
  label,
  value,
  placeholder,
  onChange,
}: {
  label: string;
  value: string;
  placeholder?: string;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {label}
      <input value={value} onChange={(e) => onChange(e.target.value)} inputMode="decimal" placeholder={placeholder} size={10} />
    </label>
  );
}

export interface Column<Row> {
  key: keyof Row & string;
  header: string;
  /** The name of the input in row `n` (1-based), e.g. "Tier 2 unit price". */
  label: (n: number) => string;
  placeholder?: string;
}

/** An editable list of rows (tiers, steps, property values), at least one. */
export function RowsTable<Row extends object>({
  caption,
  noun,
  columns,
  rows,
  blank,
  names,
  onChange,
}: {
  caption: string;
  noun: string;
  columns: Column<Row>[];
  rows: Row[];
  blank: () => Row;
  names: Scope;
  onChange: (rows: Row[]) => void;
}) {
  const setRow = (index: number, patch: Partial<Row>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <table aria-label={names.of(caption)} className="rows">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.key}>{column.header}</th>
          ))}
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {columns.map((column) => (
              <td key={column.key}>
                <input
                  aria-label={names.field(column.label(i + 1))}
                  value={row[column.key] as string}
                  placeholder={column.placeholder}
                  onChange={(e) => setRow(i, { [column.key]: e.target.value } as Partial<Row>)}
                />
              </td>
            ))}
            <td>
              <button
                type="button"
                className="link"
                disabled={rows.length === 1}
                aria-label={names.of(`Remove ${noun} ${i + 1}`)}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={columns.length + 1}>
            <button type="button" aria-label={names.to(`Add ${noun}`)} onClick={() => onChange([...rows, blank()])}>
              Add {noun}
            </button>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

const UP_TO: Column<{ upTo: string }> = { key: 'upTo', header: 'Up to (blank: open)', label: (n) => `Tier ${n} up to` };
const TIER_COLUMNS: Column<TierRow>[] = [
  UP_TO,
  { key: 'unitPrice', header: 'Unit price', label: (n) => `Tier ${n} unit price` },
  { key: 'flatFee', header: 'Flat fee', label: (n) => `Tier ${n} flat fee`, placeholder: '0' },
];
const STEP_COLUMNS: Column<StepRow>[] = [
  { key: 'upTo', header: 'Up to (blank: open)', label: (n) => `Step ${n} up to` },
  { key: 'amount', header: 'Amount', label: (n) => `Step ${n} amount` },
];
const PERCENTAGE_TIER_COLUMNS: Column<PercentageTierRow>[] = [
  UP_TO,
  { key: 'rate', header: 'Rate (%)', label: (n) => `Tier ${n} rate (%)` },
  { key: 'flatFee', header: 'Flat fee', label: (n) => `Tier ${n} flat fee`, placeholder: '0' },
];

/** What each model does, under its fields. */
const MODEL_HINT: Record<PriceModel, string> = {
  FLAT: 'The amount, whatever the quantity.',
  PER_UNIT: 'Quantity × unit price.',
  PACKAGE: 'The package price per started package, after the free units.',
  GRADUATED: 'Each tier prices the units that fall in it, plus its flat fee once reached.',
  VOLUME: 'The whole quantity at the unit price of the tier it reaches, plus that tier’s flat fee.',
  STAIRSTEP: 'The amount of the step the whole quantity falls into.',
  PERCENTAGE: 'Rate % of each transaction plus the fixed fee, kept within min/max, after the free transactions and amount.',
  GRADUATED_PERCENTAGE: 'Each tier charges its rate on the part of the total transaction amount in it, plus its flat fee once reached.',
};

/** The model and its fields, for the default price or (with `rule`, e.g. "Rule 1") a dimension rule. */
export function ConfigFields({
  config,
  models,
  rule,
  onChange,
}: {
  config: ConfigForm;
  models: PriceModel[];
  rule?: string;
  onChange: (config: ConfigForm) => void;
}) {
  const names = scope(rule);
  const set = (patch: Partial<ConfigForm>) => onChange({ ...config, ...patch });
  const field = (key: keyof ConfigForm & string, label: string, placeholder?: string) => (
    <DecimalField
      label={names.field(label)}
      value={config[key] as string}
      placeholder={placeholder}
      onChange={(value) => set({ [key]: value })}
    />
  );
  return (
    <>
      <div className="row">
        <label>
          {names.field('Model')}
          <select value={config.model} onChange={(e) => set({ model: e.target.value as PriceModel })}>
            {models.map((model) => (
              <option key={model} value={model}>
                {model}
              </option>
            ))}
          </select>
        </label>
        {config.model === 'FLAT' && field('amount', 'Amount', '100')}
        {config.model === 'PER_UNIT' && field('unitPrice', 'Unit price', '0.04')}
        {config.model === 'PACKAGE' && (
          <>
            {field('packageSize', 'Package size', '100')}
            {field('packagePrice', 'Package price', '5')}
            {field('freeUnits', 'Free units', '0')}
          </>
        )}
        {config.model === 'PERCENTAGE' && (
          <>
            {field('rate', 'Rate (%)', '2.9')}
            {field('fixedFee', 'Fixed fee', '0.30')}
            {field('minPerTransaction', 'Min per transaction', 'none')}
            {field('maxPerTransaction', 'Max per transaction', 'none')}
            {field('freeTransactions', 'Free transactions', '0')}
            {field('freeAmount', 'Free amount', '0')}
          </>
        )}
      </div>
      <p className="muted hint">{MODEL_HINT[config.model]}</p>
      {(config.model === 'GRADUATED' || config.model === 'VOLUME') && (
        <RowsTable
          caption="Tiers"
          noun="tier"
          columns={TIER_COLUMNS}
          rows={config.tiers}
          blank={emptyTier}
          names={names}
          onChange={(tiers) => set({ tiers })}
        />
      )}
      {config.model === 'STAIRSTEP' && (
        <RowsTable
          caption="Steps"
          noun="step"
          columns={STEP_COLUMNS}
          rows={config.steps}
          blank={emptyStep}
          names={names}
          onChange={(steps) => set({ steps })}
        />
      )}
      {config.model === 'GRADUATED_PERCENTAGE' && (
        <RowsTable
          caption="Tiers"
          noun="tier"
          columns={PERCENTAGE_TIER_COLUMNS}
          rows={config.percentageTiers}
          blank={emptyPercentageTier}
          names={names}
          onChange={(percentageTiers) => set({ percentageTiers })}
        />
      )}
    </>
  );
}
