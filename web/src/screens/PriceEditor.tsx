import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import {
  CatalogSetPriceDocument,
  type CatalogPlanVersionFragment,
  type CatalogProductItemFragment,
  type PriceModel,
  type RecurringTiming,
} from '../generated';
import { ConfigFields, RowsTable, scope, type Column } from './PriceFields';
import {
  emptyDimension,
  emptyMatch,
  emptyPriceForm,
  modelsFor,
  priceForm,
  priceInput,
  restrictModels,
  type DimensionForm,
  type MatchRow,
  type PriceForm,
} from './priceForm';
import { PricePreview } from './PricePreview';

export type EditorItem = Pick<CatalogProductItemFragment, 'id' | 'reference' | 'name' | 'chargeType'>;
export type PlanPrice = CatalogPlanVersionFragment['prices'][number];

const MATCH_COLUMNS: Column<MatchRow>[] = [
  { key: 'property', header: 'Event property', label: (n) => `Property ${n}`, placeholder: 'model' },
  { key: 'value', header: 'Value', label: (n) => `Value ${n}`, placeholder: 'gpt-4' },
];

/**
 * Sets a product item's price on a DRAFT version: any model the item's charge type takes, optional dimension rules,
 * with a live preview and chart. Given `price`, it starts from that existing price to edit it.
 */
export function PriceEditor({
  planVersion,
  currency,
  label,
  items,
  price: existing,
  onCancel,
}: {
  planVersion: string;
  currency: string;
  label: string;
  items: EditorItem[];
  price?: PlanPrice;
  onCancel?: () => void;
}) {
  const [itemId, setItemId] = useState(existing?.productItem.id ?? '');
  const [form, setForm] = useState<PriceForm>(() => (existing ? priceForm(existing.price) : emptyPriceForm()));
  const [timing, setTiming] = useState<RecurringTiming>(existing?.recurringTiming ?? 'IN_ADVANCE');
  const [setPrice, { loading, error }] = useMutation(CatalogSetPriceDocument);
  const choices = existing && !items.some((i) => i.id === existing.productItem.id) ? [...items, existing.productItem] : items;
  const item = choices.find((i) => i.id === itemId);
  const models = modelsFor(item?.chargeType);
  const recurring = item?.chargeType === 'RECURRING' || item?.chargeType === 'SEAT';
  const price = priceInput(form);

  const chooseItem = (id: string) => {
    setItemId(id);
    setForm((f) => restrictModels(f, modelsFor(choices.find((i) => i.id === id)?.chargeType)));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!item || !price) return;
    try {
      await setPrice({
        variables: { input: { planVersion, productItem: item.id, price, ...(recurring ? { recurringTiming: timing } : {}) } },
      });
    } catch {
      // shown from `error`
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-label={`Price editor of ${label}`}>
      <h3>{existing ? `Edit the price of ${existing.productItem.name}` : 'Set a price'}</h3>
      <div className="row">
        <label>
          Product item
          <select value={itemId} onChange={(e) => chooseItem(e.target.value)}>
            <option value="">{choices.length ? 'Choose a product item' : 'No product items yet'}</option>
            {choices.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name} ({i.reference}) · {i.chargeType}
              </option>
            ))}
          </select>
        </label>
        {recurring && (
          <label>
            Timing
            <select value={timing} onChange={(e) => setTiming(e.target.value as RecurringTiming)}>
              <option value="IN_ADVANCE">IN_ADVANCE</option>
              <option value="IN_ARREARS">IN_ARREARS</option>
            </select>
          </label>
        )}
      </div>
      <ConfigFields config={form.config} models={models} onChange={(config) => setForm((f) => ({ ...f, config }))} />
      <DimensionRules rules={form.dimensions} models={models} onChange={(dimensions) => setForm((f) => ({ ...f, dimensions }))} />
      <PricePreview currency={currency} form={form} />
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={loading || !item || !price}>
          {loading ? 'Saving…' : 'Set price'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel edit
          </button>
        )}
      </div>
    </form>
  );
}

/** Rules per event property values: usage matching a rule (the first that matches) is priced by it, the rest by the default. */
function DimensionRules({
  rules,
  models,
  onChange,
}: {
  rules: DimensionForm[];
  models: PriceModel[];
  onChange: (rules: DimensionForm[]) => void;
}) {
  const setRule = (index: number, patch: Partial<DimensionForm>) =>
    onChange(rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));
  return (
    <fieldset>
      <legend>Dimension rules</legend>
      <p className="muted hint">
        Usage whose event properties equal a rule’s values is priced by the first such rule; the rest by the price above.
      </p>
      {rules.map((rule, i) => {
        const name = `Rule ${i + 1}`;
        return (
          <fieldset key={i} className="rule">
            <legend>{name}</legend>
            <RowsTable
              caption="Properties"
              noun="property"
              columns={MATCH_COLUMNS}
              rows={rule.match}
              blank={emptyMatch}
              names={scope(name)}
              onChange={(match) => setRule(i, { match })}
            />
            <ConfigFields rule={name} config={rule.config} models={models} onChange={(config) => setRule(i, { config })} />
            <button type="button" className="link" onClick={() => onChange(rules.filter((_, j) => j !== i))}>
              Remove rule {i + 1}
            </button>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => onChange([...rules, emptyDimension(models[0])])}>
        Add dimension rule
      </button>
    </fieldset>
  );
}
