import type { SubscriptionPriceFieldsFragment } from '../generated';
import { mainField, overrideRow, priceJson, priceSummary, type OverrideRow } from './subscriptionModel';

/**
 * The customer's tailored prices (PriceOverrideInput): per product item of the plan version, a replacement price.
 * Simple models (FLAT, PER_UNIT, PACKAGE, PERCENTAGE) change their main amount; the others are edited as JSON.
 */
export function SubscriptionOverrides({
  prices,
  rows,
  onChange,
}: {
  prices: SubscriptionPriceFieldsFragment[];
  rows: OverrideRow[];
  onChange: (rows: OverrideRow[]) => void;
}) {
  const setRow = (i: number, row: OverrideRow) => onChange(rows.map((r, j) => (j === i ? row : r)));
  const choose = (i: number, productItem: string) => {
    const price = prices.find((p) => p.productItem.id === productItem);
    setRow(i, overrideRow(productItem, price ? priceJson(price.price) : {}));
  };
  return (
    <fieldset>
      <legend>Tailored prices</legend>
      {rows.length === 0 && <p className="muted">The plan version’s prices apply.</p>}
      {rows.map((row, i) => {
        const main = mainField(row.base);
        const planPrice = prices.find((p) => p.productItem.id === row.productItem);
        return (
          <div className="row" key={i} role="group" aria-label={`Price override ${i + 1}`}>
            <label>
              Product item
              <select value={row.productItem} onChange={(e) => choose(i, e.target.value)}>
                <option value="">Choose an item</option>
                {prices.map((p) => (
                  <option key={p.productItem.id} value={p.productItem.id}>
                    {p.productItem.name} ({p.productItem.reference}) · {p.price.model}
                  </option>
                ))}
              </select>
            </label>
            {row.productItem && main && (
              <label>
                {main.label}
                <input value={row.value} inputMode="decimal" size={10} onChange={(e) => setRow(i, { ...row, value: e.target.value })} />
              </label>
            )}
            {row.productItem && !main && (
              <label>
                Price (JSON)
                <textarea rows={6} cols={44} value={row.json} onChange={(e) => setRow(i, { ...row, json: e.target.value })} />
              </label>
            )}
            {planPrice && <span className="muted">plan price: {priceSummary(priceJson(planPrice.price))}</span>}
            <button
              type="button"
              className="link"
              aria-label={`Remove price override ${i + 1}`}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button type="button" className="link" disabled={prices.length === 0} onClick={() => onChange([...rows, overrideRow('', {})])}>
        + Add price override
      </button>
    </fieldset>
  );
}
