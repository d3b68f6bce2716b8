import { useMutation, useQuery } from '@apollo/client/react';
import type { TypedDocumentNode } from '@apollo/client';
import { useState } from 'react';
import { ErrorMessage } from '../errors';
import { instant } from '../format';
import { LoadMore } from '../LoadMore';
import {
  InvoicingDeadLettersDocument,
  MeteringDeadLettersDocument,
  ReplayInvoicingDeadLetterDocument,
  ReplayMeteringDeadLetterDocument,
  ReplaySubscriptionsDeadLetterDocument,
  ReplayWebhooksDeadLetterDocument,
  SubscriptionsDeadLettersDocument,
  WebhooksDeadLettersDocument,
  type MeteringDeadLetterFieldsFragment,
} from '../generated';

export const PAGE_SIZE = 20;
export const DEAD_LETTER_SERVICES = ['metering', 'subscriptions', 'invoicing', 'webhooks'] as const;
export type DeadLetterService = (typeof DEAD_LETTER_SERVICES)[number];

/** The same fields whichever service's type (`MeteringDeadLetter`, `InvoicingDeadLetter`…). */
type Letter = Omit<MeteringDeadLetterFieldsFragment, '__typename'>;
interface Page {
  totalCount: number;
  edges: Array<{ cursor: string; node: Letter }>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}
type ListDocument = TypedDocumentNode<Record<string, Page>, { first?: number | null; after?: string | null }>;
type ReplayDocument = TypedDocumentNode<Record<string, { replayed: boolean; deadLetter?: Letter | null }>, { id: string }>;

const OPERATIONS: Record<DeadLetterService, { list: ListDocument; replay: ReplayDocument; listName: string }> = {
  metering: {
    list: MeteringDeadLettersDocument as unknown as ListDocument,
    replay: ReplayMeteringDeadLetterDocument as unknown as ReplayDocument,
    listName: 'MeteringDeadLetters',
  },
  subscriptions: {
    list: SubscriptionsDeadLettersDocument as unknown as ListDocument,
    replay: ReplaySubscriptionsDeadLetterDocument as unknown as ReplayDocument,
    listName: 'SubscriptionsDeadLetters',
  },
  invoicing: {
    list: InvoicingDeadLettersDocument as unknown as ListDocument,
    replay: ReplayInvoicingDeadLetterDocument as unknown as ReplayDocument,
    listName: 'InvoicingDeadLetters',
  },
  webhooks: {
    list: WebhooksDeadLettersDocument as unknown as ListDocument,
    replay: ReplayWebhooksDeadLetterDocument as unknown as ReplayDocument,
    listName: 'WebhooksDeadLetters',
  },
};

const capitalized = (service: string) => service.charAt(0).toUpperCase() + service.slice(1);

/**
 * /dead-letters: messages a service gave up on after its last delivery failed, with their errors; replay one once
 * its cause is fixed (it goes through the same handler: applied and removed, or kept with the new error).
 */
export function DeadLettersScreen() {
  const [service, setService] = useState<DeadLetterService>('invoicing');
  return (
    <>
      <div className="screen-head">
        <h2>Dead letters</h2>
        <label className="inline">
          Service
          <select value={service} onChange={(e) => setService(e.target.value as DeadLetterService)}>
            {DEAD_LETTER_SERVICES.map((s) => (
              <option key={s} value={s}>
                {capitalized(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">
        A message lands here when its service failed to apply it on every delivery (not for outages: those are retried). Other messages
        never wait for it. Fix the cause, then replay it.
      </p>
      <DeadLetterList key={service} service={service} />
    </>
  );
}

function DeadLetterList({ service }: { service: DeadLetterService }) {
  const operations = OPERATIONS[service];
  const field = `${service}DeadLetters`;
  const { data, loading, error, fetchMore } = useQuery(operations.list, {
    variables: { first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const [replay, replaying] = useMutation(operations.replay, { refetchQueries: [operations.listName], awaitRefetchQueries: true });
  const [outcome, setOutcome] = useState<string | null>(null);
  const page = data?.[field];
  const letters = page?.edges.map((e) => e.node) ?? [];

  const run = async (id: string) => {
    setOutcome(null);
    try {
      const result = await replay({ variables: { id } });
      const answer = result.data?.[`replay${capitalized(service)}DeadLetter`];
      setOutcome(answer?.replayed ? 'Replayed: the message was applied.' : `Failed again: ${answer?.deadLetter?.error ?? 'unknown error'}`);
    } catch {
      // shown from replaying.error
    }
  };

  if (!page && loading) return <p className="state">Loading dead letters…</p>;
  return (
    <section aria-label={`${capitalized(service)} dead letters`}>
      <ErrorMessage error={error ?? replaying.error} />
      {outcome && (
        <p className="state" role="status">
          {outcome}
        </p>
      )}
      {page && <p className="muted">{page.totalCount} dead letters</p>}
      {page && letters.length === 0 && <p className="state">No dead letters: every message was applied.</p>}
      {letters.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Message</th>
              <th>Type</th>
              <th>Error</th>
              <th className="num">Attempts</th>
              <th>First failure</th>
              <th>Last failure</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {letters.map((letter) => (
              <tr key={letter.id}>
                <td>
                  <code>{letter.id}</code>
                </td>
                <td>{letter.type}</td>
                <td>{letter.error}</td>
                <td className="num">{letter.attempts}</td>
                <td>{instant(letter.firstFailedAt)}</td>
                <td>{instant(letter.lastFailedAt)}</td>
                <td>
                  <button type="button" disabled={replaying.loading} onClick={() => run(letter.id)}>
                    Replay
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore pageInfo={page?.pageInfo} fetchMore={fetchMore} />
    </section>
  );
}
