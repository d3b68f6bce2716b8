import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import { day, money, period } from '../format';
import {
  ActivateSubscriptionDocument,
  CancelSubscriptionDocument,
  ChangeSubscriptionDocument,
  ReactivateSubscriptionDocument,
  SubscriptionPhasesDocument,
  type SubscriptionFieldsFragment,
  type SubscriptionPhaseFieldsFragment,
} from '../generated';
import { ConfirmButton } from './CustomerFormParts';
import { ChangeSubscriptionForm } from './SubscriptionForm';
import { phaseAt, planLabel, priceSummary, type PriceJson } from './subscriptionModel';

type Subscription = SubscriptionFieldsFragment;

/** A customer's subscriptions: a row each with its quick actions, and the one being managed below the table. */
export function SubscriptionList({
  subscriptions,
  currency,
  onOpenInvoice,
}: {
  subscriptions: Subscription[];
  currency: string;
  onOpenInvoice: (id: string) => void;
}) {
  const [managing, setManaging] = useState<string | null>(null);
  const managed = subscriptions.find((s) => s.id === managing);
  if (subscriptions.length === 0) return <p className="state empty">No subscriptions yet.</p>;
  return (
    <>
      <table aria-label="Subscriptions">
        <thead>
          <tr>
            <th>Plan version</th>
            <th>Status</th>
            <th className="num">Seats</th>
            <th>Current period</th>
            <th className="num">Upcoming invoice</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {subscriptions.map((subscription) => (
            <SubscriptionRow
              key={subscription.id}
              subscription={subscription}
              managing={managing === subscription.id}
              onManage={(open) => setManaging(open ? subscription.id : null)}
              onOpenInvoice={onOpenInvoice}
            />
          ))}
        </tbody>
      </table>
      {managed && <SubscriptionPanel key={managed.id} subscription={managed} currency={currency} onClose={() => setManaging(null)} />}
    </>
  );
}

function SubscriptionRow({
  subscription,
  managing,
  onManage,
  onOpenInvoice,
}: {
  subscription: Subscription;
  managing: boolean;
  onManage: (open: boolean) => void;
  onOpenInvoice: (id: string) => void;
}) {
  const [seats, setSeats] = useState(String(subscription.seats));
  useEffect(() => setSeats(String(subscription.seats)), [subscription.seats]);
  const [changeSeats, changing] = useMutation(ChangeSubscriptionDocument);
  const [cancel, canceling] = useMutation(CancelSubscriptionDocument);
  const [reactivate, reactivating] = useMutation(ReactivateSubscriptionDocument);
  const [activate, activating] = useMutation(ActivateSubscriptionDocument);
  const busy = changing.loading || canceling.loading || reactivating.loading || activating.loading;
  const label = planLabel(subscription);
  const { status, endAt, upcomingInvoice } = subscription;
  const variables = { subscription: subscription.id };
  const submitSeats = (event: FormEvent) => {
    event.preventDefault();
    changeSeats({ variables: { input: { ...variables, effective: 'NOW', seats: Number(seats) } } }).catch(() => undefined);
  };
  return (
    <tr>
      <td>
        {subscription.planVersion.plan.name} <span className="muted">v{subscription.planVersion.version}</span>
        <div>
          <code>{subscription.planVersion.plan.reference}</code>
        </div>
      </td>
      <td>
        <span className={`badge ${status.toLowerCase()}`}>{status}</span>
        {new Date(subscription.startAt) > new Date() && <div className="muted">starts {day(subscription.startAt)}</div>}
        {subscription.trialEnd && new Date(subscription.trialEnd) > new Date() && (
          <div className="muted">trial until {day(subscription.trialEnd)}</div>
        )}
        {endAt && <div className="muted">ends {day(endAt)}</div>}
      </td>
      <td className="num">{subscription.seats}</td>
      <td>{subscription.currentPeriod ? period(subscription.currentPeriod.start, subscription.currentPeriod.end) : '—'}</td>
      <td className="num">
        {upcomingInvoice ? (
          <a
            href={`/invoices/${upcomingInvoice.id}`}
            aria-label={`Upcoming invoice of ${label}`}
            onClick={(e) => {
              e.preventDefault();
              onOpenInvoice(upcomingInvoice.id);
            }}
          >
            {money(upcomingInvoice.total)}
          </a>
        ) : (
          '—'
        )}
      </td>
      <td className="actions">
        {(status === 'ACTIVE' || status === 'DRAFT') && (
          <form className="inline" onSubmit={submitSeats}>
            <input
              type="number"
              min={0}
              step={1}
              size={4}
              aria-label={`Seats of ${label}`}
              value={seats}
              onChange={(e) => setSeats(e.target.value)}
              style={{ width: 70 }}
            />
            <button type="submit" disabled={busy || !seats || Number(seats) === subscription.seats}>
              Change seats
            </button>
          </form>
        )}
        {status === 'DRAFT' && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            aria-label={`Activate ${label}`}
            onClick={() => activate({ variables }).catch(() => undefined)}
          >
            Activate
          </button>
        )}
        {status === 'ACTIVE' && !endAt && (
          <button
            type="button"
            className="danger"
            disabled={busy}
            aria-label={`Cancel ${label} at period end`}
            onClick={() => cancel({ variables: { ...variables, effective: 'PERIOD_END' } }).catch(() => undefined)}
          >
            Cancel at period end
          </button>
        )}
        {status === 'CANCELED' && endAt && new Date(endAt) > new Date() && (
          <button
            type="button"
            disabled={busy}
            aria-label={`Reactivate ${label}`}
            onClick={() => reactivate({ variables }).catch(() => undefined)}
          >
            Reactivate
          </button>
        )}
        <button type="button" aria-expanded={managing} aria-label={`Manage ${label}`} onClick={() => onManage(!managing)}>
          {managing ? 'Close' : 'Manage'}
        </button>
        <ErrorMessage error={changing.error ?? canceling.error ?? reactivating.error ?? activating.error} />
      </td>
    </tr>
  );
}

/** One subscription in full: its dates, phases (history and planned changes), a change form and "cancel now". */
function SubscriptionPanel({ subscription, currency, onClose }: { subscription: Subscription; currency: string; onClose: () => void }) {
  const label = planLabel(subscription);
  const [changes, setChanges] = useState(0);
  const [cancel, canceling] = useMutation(CancelSubscriptionDocument);
  const history = useQuery(SubscriptionPhasesDocument, { variables: { id: subscription.id }, fetchPolicy: 'cache-and-network' });
  const phases = history.data?.subscription?.phases;
  return (
    <section className="card subscription-panel" aria-label={`Subscription ${label}`}>
      <div className="screen-head">
        <h3>
          {label} <span className={`badge ${subscription.status.toLowerCase()}`}>{subscription.status}</span>
        </h3>
        {subscription.status === 'ACTIVE' && (
          <ConfirmButton
            label="Cancel now"
            name={`Cancel ${label} now`}
            question={`End ${label} now?`}
            confirmLabel="Yes, cancel now"
            busy={canceling.loading}
            onConfirm={() => cancel({ variables: { subscription: subscription.id, effective: 'NOW' } }).catch(() => undefined)}
          />
        )}
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      </div>
      <ErrorMessage error={canceling.error} />
      <dl className="facts">
        <dt>Billing period</dt>
        <dd>{subscription.billingPeriod}</dd>
        <dt>Starts</dt>
        <dd>{day(subscription.startAt)}</dd>
        <dt>Billing anchor</dt>
        <dd>{day(subscription.anchor)}</dd>
        <dt>Trial ends</dt>
        <dd>{day(subscription.trialEnd)}</dd>
        <dt>Ends</dt>
        <dd>{subscription.endAt ? day(subscription.endAt) : 'open-ended'}</dd>
      </dl>
      <ErrorMessage error={history.error} />
      {!phases && history.loading && <p className="state">Loading phases…</p>}
      {phases && <SubscriptionPhases label={label} phases={phases} />}
      {changes > 0 && (
        <p className="notice" role="status">
          Change saved.
        </p>
      )}
      {phases && subscription.status !== 'ENDED' && (
        <ChangeSubscriptionForm
          key={changes}
          subscription={subscription}
          overrides={phaseAt(phases, new Date())?.overrides ?? {}}
          currency={currency}
          onChanged={() => setChanges((n) => n + 1)}
        />
      )}
    </section>
  );
}

/** History and planned changes: one row per phase, with its tailored prices. */
function SubscriptionPhases({ label, phases }: { label: string; phases: SubscriptionPhaseFieldsFragment['phases'] }) {
  const now = new Date();
  const current = phaseAt(phases, now);
  return (
    <table aria-label={`Phases of ${label}`}>
      <thead>
        <tr>
          <th>From</th>
          <th>Until</th>
          <th>Plan version</th>
          <th className="num">Seats</th>
          <th>Tailored prices</th>
        </tr>
      </thead>
      <tbody>
        {phases.map((phase) => {
          const items = new Map(phase.planVersion.prices.map((p) => [p.productItem.id, p.productItem.name]));
          const overrides = Object.entries(phase.overrides);
          return (
            <tr key={phase.startsAt}>
              <td>
                {day(phase.startsAt)} {phase === current && <span className="badge active">current</span>}
                {new Date(phase.startsAt) > now && <span className="badge">planned</span>}
              </td>
              <td>{phase.endsAt ? day(phase.endsAt) : '—'}</td>
              <td>
                {phase.planVersion.plan.name} <span className="muted">v{phase.planVersion.version}</span>
              </td>
              <td className="num">{phase.seats}</td>
              <td>
                {overrides.length === 0
                  ? '—'
                  : overrides.map(([item, price]) => (
                      <div key={item}>
                        {items.get(item) ?? item}: {priceSummary(price as PriceJson)}
                      </div>
                    ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
