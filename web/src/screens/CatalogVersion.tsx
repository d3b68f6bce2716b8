import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { ErrorMessage } from '../errors';
import {
  CatalogChangePlanVersionStatusDocument,
  CatalogDeletePlanVersionDocument,
  CatalogRemovePriceDocument,
  type CatalogPlanVersionFragment,
} from '../generated';
import { ConfirmButton, StatusActions } from './CatalogStatus';
import { PriceEditor, type EditorItem, type PlanPrice } from './PriceEditor';
import { describePrice } from './priceForm';

/**
 * One version of a plan, named `label` (e.g. "Starter v1"): its status actions, its prices and, while it is a DRAFT,
 * the price editor (an existing price opens in it with "Edit"), and "Delete".
 */
export function VersionBlock({
  planId,
  label,
  version,
  items,
}: {
  planId: string;
  label: string;
  version: CatalogPlanVersionFragment;
  items: EditorItem[];
}) {
  const [change, changing] = useMutation(CatalogChangePlanVersionStatusDocument);
  const [remove, removing] = useMutation(CatalogRemovePriceDocument);
  const [erase, erasing] = useMutation(CatalogDeletePlanVersionDocument, {
    update(cache) {
      cache.modify<{ versions: Reference[] }>({
        id: cache.identify({ __typename: 'PricingPlan', id: planId }),
        fields: { versions: (refs, { readField }) => refs.filter((ref) => readField('id', ref) !== version.id) },
      });
      cache.evict({ id: cache.identify({ __typename: 'PricingPlanVersion', id: version.id }) });
      cache.gc();
    },
  });
  const [editing, setEditing] = useState<{ price: PlanPrice; times: number } | null>(null);
  const draft = version.status === 'DRAFT';
  const pending = changing.loading || erasing.loading;

  return (
    <section aria-label={label} className="version">
      <div className="screen-head">
        <strong>v{version.version}</strong>
        <span className={`badge ${version.status.toLowerCase()}`}>{version.status}</span>
        <span className="muted">
          {version.currency} · {version.billingPeriod}
        </span>
        <StatusActions
          status={version.status}
          subject={label}
          pending={pending}
          blocked={version.prices.length === 0 ? { ACTIVATE: 'Set a price first' } : {}}
          onAction={(action) => change({ variables: { planVersion: version.id, action } }).catch(() => undefined)}
        />
        {draft && (
          <ConfirmButton
            label={`Delete ${label}`}
            consequence="The draft and its prices are deleted for good."
            disabled={pending}
            onConfirm={() => erase({ variables: { planVersion: version.id } }).catch(() => undefined)}
          >
            Delete
          </ConfirmButton>
        )}
      </div>
      <ErrorMessage error={changing.error ?? erasing.error ?? removing.error} />
      {version.prices.length === 0 ? (
        <p className="state empty">No prices yet.</p>
      ) : (
        <table aria-label={`Prices of ${label}`}>
          <thead>
            <tr>
              <th>Item</th>
              <th>Price</th>
              <th>Timing</th>
              {draft && <th>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {version.prices.map((price) => (
              <tr key={price.id}>
                <td>
                  {price.productItem.name} <code>{price.productItem.reference}</code>
                </td>
                <td>{describePrice(price.price)}</td>
                <td>{price.recurringTiming ?? '—'}</td>
                {draft && (
                  <td className="actions">
                    <button
                      type="button"
                      aria-label={`Edit price of ${price.productItem.reference}`}
                      onClick={() => setEditing((e) => ({ price, times: (e?.times ?? 0) + 1 }))}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="danger"
                      disabled={removing.loading}
                      aria-label={`Remove price of ${price.productItem.reference}`}
                      onClick={() =>
                        remove({ variables: { planVersion: version.id, productItem: price.productItem.id } }).catch(() => undefined)
                      }
                    >
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {draft && (
        <PriceEditor
          key={editing ? `edit-${editing.times}` : 'new'}
          planVersion={version.id}
          currency={version.currency}
          label={label}
          items={items}
          price={editing?.price}
          onCancel={editing ? () => setEditing(null) : undefined}
        />
      )}
    </section>
  );
}
