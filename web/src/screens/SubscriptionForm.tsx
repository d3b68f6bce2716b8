import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import {
  ChangeSubscriptionDocument,
  CreateSubscriptionDocument,
  SubscriptionPlansDocument,
  SubscriptionVersionDocument,
  type ChangeSubscriptionInput,
  type CreateSubscriptionInput,
  type Effective,
  type SubscriptionFieldsFragment,
} from '../generated';
import { ProblemMessage } from './CustomerFormParts';
import { SubscriptionOverrides } from './SubscriptionOverrides';
import { isProblem, overrideRows, overridesInput, planLabel, utcDay, type InputProblem, type OverrideRow } from './subscriptionModel';

/** ACTIVE plan versions in the customer's currency (for a plan change, also in the subscription's billing period). */
function useActiveVersions(currency: string, billingPeriod?: string) {
  const { data, loading, error } = useQuery(SubscriptionPlansDocument, { fetchPolicy: 'cache-and-network' });
  const versions = (data?.pricingPlans.edges ?? []).flatMap(({ node: plan }) =>
    plan.versions
      .filter((v) => v.status === 'ACTIVE' && v.currency === currency && (!billingPeriod || v.billingPeriod === billingPeriod))
      .map((v) => ({ ...v, plan })),
  );
  return { versions, loading: loading && !data, error };
}

/** The prices of a plan version in full (the items a tailored price can replace); none until one is chosen. */
function useVersionPrices(id: string) {
  const { data, error } = useQuery(SubscriptionVersionDocument, { variables: { id }, skip: !id });
  return { prices: data?.planVersion?.prices ?? [], error };
}

const NEW_SUBSCRIPTION = { planVersion: '', seats: '1', startDate: '', anchorDate: '', endDate: '', trialDays: '', draft: false };

export function CreateSubscriptionForm({ customer, currency, onCreated }: { customer: string; currency: string; onCreated: () => void }) {
  const plans = useActiveVersions(currency);
  const [form, setForm] = useState(NEW_SUBSCRIPTION);
  const set = (patch: Partial<typeof NEW_SUBSCRIPTION>) => setForm((f) => ({ ...f, ...patch }));
  const [overrides, setOverrides] = useState<OverrideRow[]>([]);
  const [problem, setProblem] = useState<InputProblem | null>(null);
  const version = useVersionPrices(form.planVersion);
  const [create, { loading, error }] = useMutation(CreateSubscriptionDocument, { refetchQueries: ['CustomerDetail'] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = overridesInput(overrides);
    setProblem(isProblem(built) ? built : null);
    if (isProblem(built)) return;
    const input: CreateSubscriptionInput = { customer, planVersion: form.planVersion, seats: Number(form.seats), draft: form.draft };
    if (form.startDate) input.startAt = utcDay(form.startDate);
    if (form.anchorDate) input.billingAnchor = utcDay(form.anchorDate);
    if (form.endDate) input.endAt = utcDay(form.endDate);
    if (form.trialDays.trim()) input.trialDays = Number(form.trialDays);
    if (built.length > 0) input.overrides = built;
    try {
      await create({ variables: { input } });
      setForm(NEW_SUBSCRIPTION);
      setOverrides([]);
      onCreated();
    } catch {
      // shown from `error`
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="New subscription" style={{ marginTop: 16 }}>
      <h3>New subscription</h3>
      <div className="row">
        <label>
          Plan version
          <select
            value={form.planVersion}
            onChange={(e) => {
              set({ planVersion: e.target.value });
              setOverrides([]); // another version has other items
            }}
          >
            <option value="">
              {plans.loading
                ? 'Loading plans…'
                : plans.versions.length
                  ? 'Choose an active plan version'
                  : `No active plan version in ${currency}`}
            </option>
            {plans.versions.map((v) => (
              <option key={v.id} value={v.id}>
                {versionLabel(v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Seats
          <input type="number" min={0} step={1} value={form.seats} onChange={(e) => set({ seats: e.target.value })} style={{ width: 90 }} />
        </label>
        <label>
          Trial days
          <input
            type="number"
            min={0}
            step={1}
            value={form.trialDays}
            placeholder="0"
            onChange={(e) => set({ trialDays: e.target.value })}
            style={{ width: 90 }}
          />
        </label>
        <label className="inline">
          <input type="checkbox" checked={form.draft} onChange={(e) => set({ draft: e.target.checked })} /> Create as draft
        </label>
      </div>
      <div className="row">
        <label>
          Start date (UTC)
          <input type="date" value={form.startDate} onChange={(e) => set({ startDate: e.target.value })} />
        </label>
        <label>
          Billing anchor (UTC)
          <input type="date" value={form.anchorDate} onChange={(e) => set({ anchorDate: e.target.value })} />
        </label>
        <label>
          End date (UTC)
          <input type="date" value={form.endDate} onChange={(e) => set({ endDate: e.target.value })} />
        </label>
        <span className="muted">Empty: starts now, anchored at the start, open-ended.</span>
      </div>
      {form.planVersion && <SubscriptionOverrides prices={version.prices} rows={overrides} onChange={setOverrides} />}
      <ErrorMessage error={plans.error ?? version.error} />
      <ProblemMessage problem={problem} />
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={loading || !form.planVersion}>
          {loading ? 'Subscribing…' : 'Create subscription'}
        </button>
      </div>
    </form>
  );
}

const EFFECTIVE: Array<{ value: Effective; label: string }> = [
  { value: 'NOW', label: 'Now' },
  { value: 'PERIOD_END', label: 'At the end of the current period' },
  { value: 'AT', label: 'At a date' },
];

/**
 * Changes a subscription from an instant (a new phase): another ACTIVE plan version of the same currency and billing
 * period, seats, tailored prices. A new plan version starts without tailored prices unless some are given.
 */
export function ChangeSubscriptionForm({
  subscription,
  overrides: currentOverrides,
  currency,
  onChanged,
}: {
  subscription: SubscriptionFieldsFragment;
  /** The tailored prices in effect now (product item id → price). */
  overrides: Record<string, unknown>;
  currency: string;
  onChanged: () => void;
}) {
  const label = planLabel(subscription);
  const plans = useActiveVersions(currency, subscription.billingPeriod);
  const others = plans.versions.filter((v) => v.id !== subscription.planVersion.id);
  const [current] = useState(() => overrideRows(currentOverrides));
  const [planVersion, setPlanVersion] = useState('');
  const [seats, setSeats] = useState(String(subscription.seats));
  const [overrides, setOverrides] = useState<OverrideRow[]>(current);
  const [effective, setEffective] = useState<Effective>('NOW');
  const [at, setAt] = useState('');
  const [problem, setProblem] = useState<InputProblem | null>(null);
  const version = useVersionPrices(planVersion || subscription.planVersion.id);
  const [change, { loading, error }] = useMutation(ChangeSubscriptionDocument);

  const changes = (): ChangeSubscriptionInput | InputProblem => {
    const built = overridesInput(overrides);
    if (isProblem(built)) return built;
    const input: ChangeSubscriptionInput = { subscription: subscription.id, effective };
    if (effective === 'AT') {
      if (!at) return { field: 'at', message: 'Give the day the change takes effect' };
      input.at = utcDay(at);
    }
    if (Number(seats) !== subscription.seats) input.seats = Number(seats);
    if (planVersion) input.planVersion = planVersion;
    const overridesChanged = planVersion ? built.length > 0 : JSON.stringify(built) !== JSON.stringify(overridesInput(current));
    if (overridesChanged) input.overrides = built;
    if (input.seats === undefined && !input.planVersion && !input.overrides)
      return { field: 'input', message: 'Nothing to change: give seats, another plan version or tailored prices' };
    return input;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = changes();
    setProblem(isProblem(input) ? input : null);
    if (isProblem(input)) return;
    try {
      await change({ variables: { input } });
      onChanged();
    } catch {
      // shown from `error`
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-label={`Change ${label}`}>
      <h4>Change the subscription</h4>
      <div className="row">
        <label>
          New plan version
          <select
            value={planVersion}
            onChange={(e) => {
              setPlanVersion(e.target.value);
              setOverrides(e.target.value ? [] : current);
            }}
          >
            <option value="">
              {plans.loading
                ? 'Loading plans…'
                : others.length
                  ? `Keep ${label}`
                  : `Keep ${label} (no other active version in ${currency} per ${subscription.billingPeriod})`}
            </option>
            {others.map((v) => (
              <option key={v.id} value={v.id}>
                {versionLabel(v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Seats
          <input type="number" min={0} step={1} value={seats} onChange={(e) => setSeats(e.target.value)} style={{ width: 90 }} />
        </label>
        <label>
          Effective
          <select value={effective} onChange={(e) => setEffective(e.target.value as Effective)}>
            {EFFECTIVE.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        {effective === 'AT' && (
          <label>
            Effective date (UTC)
            <input type="date" value={at} onChange={(e) => setAt(e.target.value)} />
          </label>
        )}
      </div>
      {planVersion && <p className="muted">A new plan version starts without tailored prices: add them again if they still apply.</p>}
      <SubscriptionOverrides prices={version.prices} rows={overrides} onChange={setOverrides} />
      <ErrorMessage error={plans.error ?? version.error} />
      <ProblemMessage problem={problem} />
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={loading}>
          {loading ? 'Changing…' : 'Apply change'}
        </button>
      </div>
    </form>
  );
}

/** A plan version as the selects name it, e.g. "Starter (starter) v1 · MONTH". */
function versionLabel(v: { version: number; billingPeriod: string; plan: { name: string; reference: string } }): string {
  return `${v.plan.name} (${v.plan.reference}) v${v.version} · ${v.billingPeriod}`;
}
