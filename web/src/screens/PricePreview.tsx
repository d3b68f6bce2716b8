import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Chart } from '../Chart';
import { ErrorMessage } from '../errors';
import { money } from '../format';
import {
  CatalogPreviewPriceDocument,
  CatalogPriceCurveDocument,
  type CatalogPriceCurveQuery,
  type CatalogPriceCurveQueryVariables,
  type PriceInput,
  type PriceUsageInput,
} from '../generated';
import { curveQuantities, curveUsages, matchLabel, matchOf, previewUsage, priceInput, pricesAmounts, type PriceForm } from './priceForm';

const CURVE_KEYS = [
  'p0',
  'p1',
  'p2',
  'p3',
  'p4',
  'p5',
  'p6',
  'p7',
  'p8',
  'p9',
  'p10',
] as const satisfies readonly (keyof CatalogPriceCurveQuery)[];

/** The variables of the chart's one request: the price and the usage of each of its eleven points. */
export function curveVariables(currency: string, price: PriceInput, usages: PriceUsageInput[]): CatalogPriceCurveQueryVariables {
  const [u0, u1, u2, u3, u4, u5, u6, u7, u8, u9, u10] = usages;
  return { currency, price, u0, u1, u2, u3, u4, u5, u6, u7, u8, u9, u10 };
}

/**
 * What the form's price bills: the amount and breakdown for a typed quantity (or transaction amounts), and a chart of
 * the amount over a range of quantities (one transaction of each amount for percentage models). With dimension rules,
 * either the default price or one rule is previewed.
 */
export function PricePreview({ currency, form }: { currency: string; form: PriceForm }) {
  const [text, setText] = useState('1');
  const [chosenRule, setRule] = useState(-1);
  const rule = chosenRule < form.dimensions.length ? chosenRule : -1;
  const price = priceInput(form);
  const model = (rule >= 0 ? form.dimensions[rule].config : form.config).model;
  const dimension = rule >= 0 ? price?.dimensions?.[rule] : undefined;
  const config = dimension?.price ?? price;
  const match = dimension?.match ?? null;
  const usage = previewUsage(text, model, match);
  const quantities = config ? curveQuantities(config) : [];

  const preview = useQuery(CatalogPreviewPriceDocument, {
    variables: { usage: usage ?? {}, currency, price: price ?? { model } },
    skip: !price || !usage,
  });
  const curve = useQuery(CatalogPriceCurveDocument, {
    variables: curveVariables(currency, price ?? { model }, curveUsages(quantities, model, match)),
    skip: !price,
  });
  const amounts = pricesAmounts(model);
  const shown = price && usage ? preview.data?.previewPrice : undefined;
  const curveData = price ? curve.data : undefined;
  const points = curveData ? CURVE_KEYS.map((key, i) => ({ label: quantities[i], value: curveData[key].exactAmount })) : [];

  return (
    <div className="preview">
      <div className="row">
        {form.dimensions.length > 0 && (
          <label>
            Preview with
            <select value={rule} onChange={(e) => setRule(Number(e.target.value))}>
              <option value={-1}>Default price</option>
              {form.dimensions.map((d, i) => {
                const ruleMatch = matchOf(d.match);
                return (
                  <option key={i} value={i}>
                    Rule {i + 1}
                    {ruleMatch ? ` (${matchLabel(ruleMatch)})` : ''}
                  </option>
                );
              })}
            </select>
          </label>
        )}
        <label>
          {amounts ? 'Preview for transaction amounts' : 'Preview for quantity'}
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            inputMode="decimal"
            size={14}
            placeholder={amounts ? '100, 250' : '1'}
          />
        </label>
      </div>
      {!price && <p className="muted">Fill in the price to see a preview.</p>}
      {price && (preview.loading || curve.loading) && !shown && <p className="muted">Pricing…</p>}
      {price && <ErrorMessage error={preview.error ?? curve.error} />}
      {shown && (
        <div data-testid="price-preview">
          <strong data-testid="preview-amount">{money(shown.amount)}</strong>
          <ul className="breakdown">
            {shown.breakdown.map((line, i) => (
              <li key={i}>
                {line.dimension && <span className="muted">[{matchLabel(line.dimension)}] </span>}
                {line.label}: {line.amount}
              </li>
            ))}
          </ul>
        </div>
      )}
      {points.length > 0 && (
        <Chart
          kind="line"
          points={points}
          unit={currency}
          title={amounts ? `Price (${currency}) of one transaction by its amount` : `Price (${currency}) by quantity`}
        />
      )}
    </div>
  );
}
