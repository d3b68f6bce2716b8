import type { Reference } from '@apollo/client';
import { useFragment, useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorMessage } from '../errors';
import { LoadMore } from '../LoadMore';
import {
  CatalogCreatePlanDocument,
  CatalogCreatePlanVersionDocument,
  CatalogPlanDocument,
  CatalogPlanSummaryFragmentDoc,
  CatalogPlansDocument,
  type BillingPeriod,
  type CatalogPlanSummaryFragment,
  type CatalogPlanVersionFragment,
} from '../generated';
import { VersionBlock } from './CatalogVersion';
import type { EditorItem } from './PriceEditor';

/** Plans are listed without their prices (a plan's versions and prices load when it is opened), so pages stay cheap. */
export const PLANS_PAGE_SIZE = 20;
const PERIODS: BillingPeriod[] = ['MONTH', 'QUARTER', 'YEAR'];

export function PlansSection({ items }: { items: EditorItem[] }) {
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  // Plans created here: shown (opened) at once, even when the list has not loaded the page that holds them yet.
  const [created, setCreated] = useState<string[]>([]);
  const { data, loading, error, fetchMore } = useQuery(CatalogPlansDocument, {
    variables: { first: PLANS_PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const plans = data?.pricingPlans.edges.map((e) => e.node);
  const extra = created.filter((id) => !plans?.some((plan) => plan.id === id));
  const toggle = (id: string) =>
    setOpen((ids) => {
      const next = new Set(ids);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const card = (plan: CatalogPlanSummaryFragment) => (
    <PlanCard key={plan.id} plan={plan} items={items} open={open.has(plan.id)} onToggle={() => toggle(plan.id)} />
  );

  return (
    <>
      <div className="screen-head">
        <h3>Plans</h3>
        {data && <span className="muted">{data.pricingPlans.totalCount} in all</span>}
        <button type="button" className="primary" onClick={() => setCreating((c) => !c)}>
          {creating ? 'Close form' : 'New plan'}
        </button>
      </div>
      {creating && (
        <CreatePlanForm
          onCreated={(id) => {
            setCreating(false);
            setCreated((ids) => [...ids, id]);
            setOpen((ids) => new Set(ids).add(id));
          }}
        />
      )}
      {error && <ErrorMessage error={error} />}
      {!plans && loading && <p className="state">Loading plans…</p>}
      {plans?.length === 0 && extra.length === 0 && (
        <p className="state empty">No plans yet. Create one: its first version is a DRAFT to price.</p>
      )}
      {plans?.map(card)}
      {extra.map((id) => (
        <CreatedPlan key={id} id={id} render={card} />
      ))}
      <LoadMore pageInfo={data?.pricingPlans.pageInfo} fetchMore={fetchMore} />
    </>
  );
}

/** A plan created on this screen, read from the cache (where the creation put it) until the list loads it. */
function CreatedPlan({ id, render }: { id: string; render: (plan: CatalogPlanSummaryFragment) => ReactNode }) {
  const { data, complete } = useFragment({ fragment: CatalogPlanSummaryFragmentDoc, from: { __typename: 'PricingPlan', id } });
  return complete ? render(data) : null;
}

function CreatePlanForm({ onCreated }: { onCreated: (id: string) => void }) {
  const [reference, setReference] = useState('');
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [billingPeriod, setBillingPeriod] = useState<BillingPeriod>('MONTH');
  const [create, { loading, error }] = useMutation(CatalogCreatePlanDocument, { refetchQueries: ['CatalogPlans'] });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { data } = await create({
        variables: { input: { reference: reference.trim(), name: name.trim(), currency: currency.trim().toUpperCase(), billingPeriod } },
      });
      if (data) onCreated(data.createPricingPlan.id);
    } catch {
      // shown from `error`
    }
  };
  return (
    <form className="card form" onSubmit={submit} aria-label="New plan">
      <h3>New plan</h3>
      <div className="row">
        <label>
          Reference
          <input value={reference} onChange={(e) => setReference(e.target.value)} placeholder="starter" />
        </label>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Starter" />
        </label>
        <label>
          Currency
          <input value={currency} onChange={(e) => setCurrency(e.target.value)} maxLength={3} size={5} />
        </label>
        <label>
          Billing period
          <select value={billingPeriod} onChange={(e) => setBillingPeriod(e.target.value as BillingPeriod)}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={loading}>
          {loading ? 'Creating…' : 'Create plan'}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}

export function PlanCard({
  plan,
  items,
  open,
  onToggle,
}: {
  plan: CatalogPlanSummaryFragment;
  items: EditorItem[];
  open: boolean;
  onToggle: () => void;
}) {
  return (
    <article className="card plan" aria-label={`Plan ${plan.name}`}>
      <div className="screen-head">
        <h3>{plan.name}</h3>
        <code>{plan.reference}</code>
        <span className="muted versions">
          {plan.versions.map((v) => (
            <span key={v.id} className={`badge ${v.status.toLowerCase()}`}>
              v{v.version} {v.status}
            </span>
          ))}
        </span>
        <button type="button" aria-expanded={open} aria-label={`${open ? 'Close' : 'Open'} plan ${plan.reference}`} onClick={onToggle}>
          {open ? 'Close' : 'Open'}
        </button>
      </div>
      {open && <PlanDetail plan={plan} items={items} />}
    </article>
  );
}

/** An opened plan: its versions with their prices (one request for this plan), and "New version". */
function PlanDetail({ plan, items }: { plan: CatalogPlanSummaryFragment; items: EditorItem[] }) {
  const { data, loading, error } = useQuery(CatalogPlanDocument, { variables: { plan: plan.id }, fetchPolicy: 'cache-and-network' });
  const versions = data?.pricingPlan?.versions;
  if (!versions) {
    if (error) return <ErrorMessage error={error} />;
    if (loading) return <p className="state">Loading versions…</p>;
    return <p className="state empty">This plan no longer exists.</p>;
  }
  return (
    <>
      {error && <ErrorMessage error={error} />}
      {versions.map((version) => (
        <VersionBlock key={version.id} planId={plan.id} label={`${plan.name} v${version.version}`} version={version} items={items} />
      ))}
      <NewVersion plan={plan} versions={versions} />
    </>
  );
}

/** "New version": a DRAFT copied from a chosen version (default: the latest), added to the plan's versions. */
function NewVersion({ plan, versions }: { plan: CatalogPlanSummaryFragment; versions: CatalogPlanVersionFragment[] }) {
  const [from, setFrom] = useState('');
  const [create, { loading, error }] = useMutation(CatalogCreatePlanVersionDocument, {
    update(cache, { data }) {
      if (!data) return;
      cache.modify<{ versions: Reference[] }>({
        id: cache.identify({ __typename: 'PricingPlan', id: plan.id }),
        fields: {
          versions: (refs, { toReference }) => [...refs, toReference({ __typename: 'PricingPlanVersion', id: data.createPlanVersion.id })!],
        },
      });
    },
  });
  const source = versions.find((v) => v.id === from) ?? versions.at(-1);
  return (
    <div className="row new-version">
      {versions.length > 0 && (
        <label className="inline">
          Copy prices from{' '}
          <select value={source?.id ?? ''} onChange={(e) => setFrom(e.target.value)}>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                v{v.version} ({v.status})
              </option>
            ))}
          </select>
        </label>
      )}
      <button
        type="button"
        disabled={loading}
        aria-label={`New version of ${plan.name}`}
        onClick={() => create({ variables: { plan: plan.id, from: source?.id } }).catch(() => undefined)}
      >
        {loading ? 'Creating…' : 'New version'}
      </button>
      <ErrorMessage error={error} />
    </div>
  );
}
