import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { DownloadPdf } from '../DownloadPdf';
import { ErrorMessage } from '../errors';
import { money, period, type Money } from '../format';
import { LoadMore } from '../LoadMore';
import {
  CreatePricingSimulationDocument,
  PricingSimulationDocument,
  SimulationPlansDocument,
  type PricingSimulationQuery,
  type PricingSimulationScope,
} from '../generated';

export const PERIODS_PAGE = 20;
const POLL_MS = 1_000;

type Simulation = NonNullable<PricingSimulationQuery['pricingSimulation']>;

/** A date input's day as the instant that starts it, UTC. */
const startOfDay = (day: string) => `${day}T00:00:00Z`;

/**
 * /simulations: "what would they have paid?" — pick a plan and one of its versions (a draft is fine), who (one
 * customer, the plan's customers, everyone on it) and the periods; the run prices the stored usage with that version
 * by the billing code itself, touching no invoice, and shows the totals, each customer's and each period's lines
 * current vs simulated, with the CSV to download.
 */
export function SimulationsScreen() {
  const [runId, setRunId] = useState<string | null>(null);
  return (
    <>
      <div className="screen-head">
        <h2>Pricing simulation</h2>
      </div>
      <p className="muted">
        Prices the usage already stored for past and current billing periods with another plan version, next to what the invoices say.
        Nothing is invoiced and no customer is told.
      </p>
      <SimulationForm onStarted={setRunId} />
      {runId && <SimulationResult key={runId} id={runId} />}
    </>
  );
}

function SimulationForm({ onStarted }: { onStarted: (id: string) => void }) {
  const plans = useQuery(SimulationPlansDocument, { fetchPolicy: 'cache-and-network' });
  const [plan, setPlan] = useState('');
  const [version, setVersion] = useState('');
  const [scope, setScope] = useState<PricingSimulationScope>('PLAN');
  const [customer, setCustomer] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [create, { loading, error }] = useMutation(CreatePricingSimulationDocument);
  const planNodes = plans.data?.pricingPlans.edges.map((e) => e.node) ?? [];
  const versions = planNodes.find((p) => p.reference === plan)?.versions ?? [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({
      variables: {
        input: {
          scope,
          customer: scope === 'CUSTOMER' ? customer : null,
          plan: plan || null,
          planVersion: version,
          from: from ? startOfDay(from) : '',
          to: to ? startOfDay(to) : '',
        },
      },
    }).catch(() => null);
    const id = result?.data?.createPricingSimulation.id;
    if (id) onStarted(id);
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)}>
      <label>
        Plan
        <select
          aria-label="Plan"
          value={plan}
          onChange={(e) => {
            setPlan(e.target.value);
            setVersion('');
          }}
        >
          <option value="">Choose a plan</option>
          {planNodes.map((p) => (
            <option key={p.id} value={p.reference}>
              {p.name} ({p.reference})
            </option>
          ))}
        </select>
      </label>
      <label>
        Price with version
        <select aria-label="Price with version" value={version} onChange={(e) => setVersion(e.target.value)} disabled={!plan}>
          <option value="">Choose a version</option>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              Version {v.version} ({v.status})
            </option>
          ))}
        </select>
      </label>
      <label>
        Who
        <select aria-label="Who" value={scope} onChange={(e) => setScope(e.target.value as PricingSimulationScope)}>
          <option value="PLAN">The plan’s customers</option>
          <option value="CUSTOMER">One customer</option>
          <option value="ALL">Every customer (the plan’s phases)</option>
        </select>
      </label>
      {scope === 'CUSTOMER' && (
        <label>
          Customer (reference or id)
          <input aria-label="Customer (reference or id)" value={customer} onChange={(e) => setCustomer(e.target.value)} />
        </label>
      )}
      <label>
        Periods from
        <input type="date" aria-label="Periods from" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        to (exclusive)
        <input type="date" aria-label="to (exclusive)" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={loading || !version || !from || !to}>
        {loading ? 'Starting…' : 'Run simulation'}
      </button>
    </form>
  );
}

function SimulationResult({ id }: { id: string }) {
  const { data, error, fetchMore, stopPolling } = useQuery(PricingSimulationDocument, {
    variables: { id, first: PERIODS_PAGE },
    pollInterval: POLL_MS,
    notifyOnNetworkStatusChange: false,
  });
  const simulation = data?.pricingSimulation;
  if (simulation && (simulation.status === 'COMPLETED' || simulation.status === 'FAILED')) stopPolling();
  if (error) return <ErrorMessage error={error} />;
  if (!simulation) return <p className="state">Starting the simulation…</p>;
  if (simulation.status === 'FAILED') return <p className="state error">The simulation failed: {simulation.error}</p>;
  if (simulation.status !== 'COMPLETED')
    return (
      <p className="state" role="status">
        Simulating… {simulation.progress.customersDone} of {simulation.progress.customersTotal ?? '?'} customers
      </p>
    );
  return (
    <section aria-label="Simulation result">
      <div className="screen-head">
        <h3>
          Result: {simulation.progress.customersDone} customers, {simulation.progress.periods} periods
        </h3>
        <DownloadPdf
          path={simulation.csvPath}
          label="Download CSV"
          busyLabel="Preparing CSV…"
          fallbackName={`pricing-simulation-${id}.csv`}
        />
      </div>
      <Totals simulation={simulation} />
      <h3>Per customer</h3>
      <table aria-label="Per customer">
        <thead>
          <tr>
            <th>Customer</th>
            <th>Periods</th>
            {AMOUNT_HEADS}
          </tr>
        </thead>
        <tbody>
          {simulation.customerTotals.map((c) => (
            <tr key={`${c.customer.id}-${c.current.currency}`}>
              <td>{c.customerReference ?? c.customer.id}</td>
              <td>{c.periods}</td>
              <Amounts current={c.current} simulated={c.simulated} difference={c.difference} />
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Per period and line</h3>
      <table aria-label="Per period and line">
        <thead>
          <tr>
            <th>Customer</th>
            <th>Period</th>
            <th>Line</th>
            {AMOUNT_HEADS}
          </tr>
        </thead>
        <tbody>
          {simulation.periods.edges.flatMap(({ node }) => [
            ...node.lines.map((line, i) => (
              <tr key={`${node.id}-${i}`}>
                <td>{node.customerReference}</td>
                <td>{period(node.periodStart, node.periodEnd)}</td>
                <td>{line.description}</td>
                <Amounts current={line.currentAmount} simulated={line.simulatedAmount} difference={line.difference} />
              </tr>
            )),
            <tr key={`${node.id}-total`} className="total">
              <td>{node.customerReference}</td>
              <td>{period(node.periodStart, node.periodEnd)}</td>
              <td>Total ({node.invoiceStatus.toLowerCase()} invoice)</td>
              <Amounts current={node.currentTotal} simulated={node.simulatedTotal} difference={node.difference} />
            </tr>,
          ])}
        </tbody>
      </table>
      <LoadMore pageInfo={simulation.periods.pageInfo} fetchMore={fetchMore} />
    </section>
  );
}

/** The three amount cells of a row: current, simulated and the difference (— where a side has no such line). */
function Amounts({ current, simulated, difference }: { current: Money | null; simulated: Money | null; difference: Money }) {
  return (
    <>
      <td>{money(current)}</td>
      <td>{money(simulated)}</td>
      <td>{money(difference)}</td>
    </>
  );
}

/** The header cells that go with `Amounts`. */
const AMOUNT_HEADS = (
  <>
    <th>Current</th>
    <th>Simulated</th>
    <th>Difference</th>
  </>
);

function Totals({ simulation }: { simulation: Simulation }) {
  if (simulation.totals.length === 0) return <p className="state empty">No billing period of these customers in these dates.</p>;
  return (
    <table aria-label="Totals">
      <thead>
        <tr>
          <th>Currency</th>
          {AMOUNT_HEADS}
        </tr>
      </thead>
      <tbody>
        {simulation.totals.map((t) => (
          <tr key={t.currency}>
            <td>{t.currency}</td>
            <Amounts current={t.current} simulated={t.simulated} difference={t.difference} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
