import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import { period } from '../format';
import {
  CreateAlertDocument,
  CustomerAlertsDocument,
  DeleteAlertDocument,
  type AlertFieldsFragment,
  type AlertKind,
  type SubscriptionFieldsFragment,
} from '../generated';
import { usageMetrics } from './CustomerUsage';

/** Triggers arrive as usage does (within a second of it): the section looks again this often. */
const TRIGGER_POLL_MS = 3_000;

/** What an alert's values are counted in: units of its metric, or its currency. */
const unitOf = (alert: Pick<AlertFieldsFragment, 'kind' | 'metric' | 'currency'>) =>
  alert.kind === 'SPEND' ? (alert.currency ?? '') : `× ${alert.metric ?? ''}`;

/**
 * A customer's usage and spend alerts (issue 15): the alerts with their thresholds (each fires at most once per billing
 * period), a form to add one, and the thresholds reached lately, newest first.
 */
export function CustomerAlerts({
  customerId,
  customerReference,
  currency,
  subscriptions,
}: {
  customerId: string;
  customerReference: string;
  currency: string;
  subscriptions: SubscriptionFieldsFragment[];
}) {
  const { data, error } = useQuery(CustomerAlertsDocument, {
    variables: { customer: customerId },
    fetchPolicy: 'cache-and-network',
    pollInterval: TRIGGER_POLL_MS,
  });
  const [remove, removing] = useMutation(DeleteAlertDocument, { refetchQueries: ['CustomerAlerts'] });
  const alerts = data?.alerts.edges.map((e) => e.node) ?? [];
  const triggers = data?.alertTriggers.edges.map((e) => e.node) ?? [];
  return (
    <section aria-label="Alerts">
      <div className="screen-head">
        <h3>Alerts</h3>
      </div>
      <ErrorMessage error={error ?? removing.error} />
      {alerts.length === 0 ? (
        <p className="state empty">No alerts yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Watches</th>
              <th>Thresholds</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {alerts.map((alert) => (
              <tr key={alert.id}>
                <td>{alert.name}</td>
                <td>{alert.kind === 'SPEND' ? `Spend (draft total, ${alert.currency})` : <code>{alert.metric}</code>}</td>
                <td>{alert.thresholds.map((t) => (t.label ? `${t.value} (${t.label})` : t.value)).join(' · ')}</td>
                <td>
                  <button
                    type="button"
                    aria-label={`Delete alert ${alert.name}`}
                    disabled={removing.loading}
                    onClick={() => void remove({ variables: { id: alert.id } }).catch(() => undefined)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CreateAlertForm customer={customerReference} currency={currency} subscriptions={subscriptions} />
      <h4>Recent triggers</h4>
      {triggers.length === 0 ? (
        <p className="state empty">No threshold reached yet.</p>
      ) : (
        <table aria-label="Alert triggers">
          <thead>
            <tr>
              <th>When</th>
              <th>Alert</th>
              <th>Threshold</th>
              <th className="num">Value</th>
              <th>Period</th>
            </tr>
          </thead>
          <tbody>
            {triggers.map((t) => (
              <tr key={t.id}>
                <td>{t.triggeredAt.replace('T', ' ').slice(0, 19)}</td>
                <td>{t.alert.name}</td>
                <td>
                  {t.threshold.value} {unitOf(t.alert)}
                  {t.threshold.label && ` (${t.threshold.label})`}
                </td>
                <td className="num">
                  {t.value} {unitOf(t.alert)}
                </td>
                <td>{period(t.periodStart, t.periodEnd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Thresholds as typed: comma-separated exact decimals, ascending ("100, 500, 1000"), sent as typed. */
const thresholdsOf = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((value) => ({ value }));

function CreateAlertForm({
  customer,
  currency,
  subscriptions,
}: {
  customer: string;
  currency: string;
  subscriptions: SubscriptionFieldsFragment[];
}) {
  const metrics = usageMetrics(subscriptions);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<AlertKind>(metrics.length > 0 ? 'USAGE' : 'SPEND');
  const [metric, setMetric] = useState(metrics[0]?.metric ?? '');
  const [thresholds, setThresholds] = useState('');
  const [create, { loading, error }] = useMutation(CreateAlertDocument, { refetchQueries: ['CustomerAlerts'] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await create({
        variables: {
          input: {
            customer,
            kind,
            name,
            thresholds: thresholdsOf(thresholds),
            ...(kind === 'USAGE' ? { metric: metric || null } : {}),
          },
        },
      });
      setName('');
      setThresholds('');
    } catch {
      // shown from `error`
    }
  };
  return (
    <form className="card form" onSubmit={submit} aria-label="New alert">
      <h4>New alert</h4>
      <label>
        Alert name
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Watches
        <select value={kind} onChange={(e) => setKind(e.target.value as AlertKind)}>
          <option value="USAGE">Usage</option>
          <option value="SPEND">Spend (the current draft’s total, {currency})</option>
        </select>
      </label>
      {kind === 'USAGE' && (
        <label>
          Metric
          <select value={metric} onChange={(e) => setMetric(e.target.value)}>
            {metrics.map((m) => (
              <option key={m.metric} value={m.metric}>
                {m.name} ({m.metric})
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Thresholds
        <input value={thresholds} onChange={(e) => setThresholds(e.target.value)} placeholder="100, 500, 1000" />
      </label>
      <p className="muted">Each threshold fires once per billing period, as soon as usage reaches it.</p>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={loading}>
          {loading ? 'Creating…' : 'Create alert'}
        </button>
      </div>
    </form>
  );
}
