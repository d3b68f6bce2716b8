import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import { instant } from '../format';
import { LoadMore } from '../LoadMore';
import {
  CreateWebhookEndpointDocument,
  DeleteWebhookEndpointDocument,
  DisableWebhookEndpointDocument,
  EnableWebhookEndpointDocument,
  ReplayWebhookMessageDocument,
  RotateWebhookEndpointSecretDocument,
  SendTestWebhookDocument,
  WebhookEndpointLogDocument,
  WebhookEndpointsDocument,
  WebhookEventTypesDocument,
  type WebhookEndpointFieldsFragment,
  type WebhookMessageFieldsFragment,
} from '../generated';

export const PAGE_SIZE = 20;
const TEST_TYPE = 'webhook.test';

/** Each attempt's answer: its HTTP status, or the error when none came. */
const attemptsText = (message: WebhookMessageFieldsFragment) =>
  message.attempts
    .map((a) => (a.statusCode === null || a.statusCode === undefined ? (a.error ?? 'no answer') : String(a.statusCode)))
    .join(', ');

/**
 * /webhooks: the platform's webhook endpoints (URL, event types, status and why it is disabled), a form to add one
 * (its signing secret shown once, with a copy button), and per endpoint its delivery log with replay and a test.
 */
export function WebhooksScreen() {
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const { data, loading, error, fetchMore } = useQuery(WebhookEndpointsDocument, {
    variables: { first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
  });
  const endpoints = data?.webhookEndpoints.edges.map((e) => e.node) ?? [];
  if (openId)
    return (
      <>
        {secret && <SecretPanel {...secret} onDone={() => setSecret(null)} />}
        <EndpointDetail id={openId} onBack={() => setOpenId(null)} onSecret={setSecret} />
      </>
    );
  return (
    <>
      <div className="screen-head">
        <h2>Webhooks</h2>
        <button type="button" className="primary" onClick={() => setCreating((c) => !c)}>
          {creating ? 'Cancel' : 'New endpoint'}
        </button>
      </div>
      <p className="muted">
        Meterline POSTs each event to your endpoints, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature), at
        least once: failures are retried for about 3 days. Order is not guaranteed; dedupe by webhook-id.
      </p>
      {secret && <SecretPanel {...secret} onDone={() => setSecret(null)} />}
      {creating && (
        <NewEndpointForm
          onCreated={(url, s) => {
            setCreating(false);
            setSecret({ url, secret: s });
          }}
        />
      )}
      <ErrorMessage error={error} />
      {!data && loading && <p className="state">Loading endpoints…</p>}
      {data && endpoints.length === 0 && <p className="state empty">No webhook endpoints yet.</p>}
      {endpoints.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>URL</th>
              <th>Event types</th>
              <th>Status</th>
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {endpoints.map((endpoint) => (
              <tr key={endpoint.id}>
                <td>
                  <code>{endpoint.url}</code>
                  {endpoint.description && <div className="muted">{endpoint.description}</div>}
                </td>
                <td>{endpoint.eventTypes.join(', ')}</td>
                <td>
                  <EndpointStatus endpoint={endpoint} />
                </td>
                <td>{instant(endpoint.createdAt)}</td>
                <td className="actions">
                  <button type="button" onClick={() => setOpenId(endpoint.id)} aria-label={`Delivery log of ${endpoint.url}`}>
                    Delivery log
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore pageInfo={data?.webhookEndpoints.pageInfo} fetchMore={fetchMore} />
    </>
  );
}

function EndpointStatus({ endpoint }: { endpoint: WebhookEndpointFieldsFragment }) {
  return (
    <>
      <span className={`badge ${endpoint.status === 'ENABLED' ? 'active' : 'archived'}`}>{endpoint.status}</span>
      {endpoint.disabledReason && <div className="muted">{endpoint.disabledReason}</div>}
    </>
  );
}

function SecretPanel({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <section className="card notice" aria-label="Signing secret">
      <p>
        Signing secret of <code>{url}</code>. It is shown only now: store it where your receiver verifies signatures.
      </p>
      <p>
        <code data-testid="webhook-secret">{secret}</code>
      </p>
      <button
        type="button"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(secret);
            setCopied(true);
          } catch {
            setCopied(false); // no clipboard here (an insecure origin, a refused permission): select the secret instead
          }
        }}
      >
        {copied ? 'Copied' : 'Copy secret'}
      </button>{' '}
      <button type="button" className="link" onClick={onDone}>
        Done
      </button>
    </section>
  );
}

function NewEndpointForm({ onCreated }: { onCreated: (url: string, secret: string) => void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const types = useQuery(WebhookEventTypesDocument);
  const [create, { loading, error }] = useMutation(CreateWebhookEndpointDocument, { refetchQueries: ['WebhookEndpoints'] });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const result = await create({
        variables: { input: { url: url.trim(), eventTypes: chosen, description: description.trim() || null } },
      });
      const created = result.data?.createWebhookEndpoint;
      if (created) onCreated(created.endpoint.url, created.secret);
    } catch {
      // shown from `error`
    }
  };
  const catalogue = (types.data?.webhookEventTypes ?? []).filter((t) => t.type !== TEST_TYPE);
  return (
    <form className="card form" onSubmit={submit} aria-label="New webhook endpoint">
      <h3>New endpoint</h3>
      <label>
        URL
        <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/meterline-webhooks" />
      </label>
      <label>
        Description
        <input value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <fieldset>
        <legend>Event types (none checked: all, including types added later)</legend>
        {catalogue.map((t) => (
          <label key={t.type} className="inline" title={t.description}>
            <input
              type="checkbox"
              checked={chosen.includes(t.type)}
              onChange={(e) => setChosen((c) => (e.target.checked ? [...c, t.type] : c.filter((x) => x !== t.type)))}
            />
            {t.type}
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={loading}>
        {loading ? 'Creating…' : 'Create endpoint'}
      </button>
    </form>
  );
}

function EndpointDetail({
  id,
  onBack,
  onSecret,
}: {
  id: string;
  onBack: () => void;
  onSecret: (s: { url: string; secret: string }) => void;
}) {
  const { data, loading, error, fetchMore, refetch } = useQuery(WebhookEndpointLogDocument, {
    variables: { id, first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    pollInterval: 2000,
  });
  const refetchQueries = ['WebhookEndpointLog', 'WebhookEndpoints'];
  const [sendTest, testing] = useMutation(SendTestWebhookDocument, { refetchQueries });
  const [replay, replaying] = useMutation(ReplayWebhookMessageDocument, { refetchQueries });
  const [enable, enabling] = useMutation(EnableWebhookEndpointDocument, { refetchQueries });
  const [disable, disabling] = useMutation(DisableWebhookEndpointDocument, { refetchQueries });
  const [rotate, rotating] = useMutation(RotateWebhookEndpointSecretDocument);
  const [remove, removing] = useMutation(DeleteWebhookEndpointDocument, { refetchQueries: ['WebhookEndpoints'] });
  const endpoint = data?.webhookEndpoint;
  const messages = endpoint?.messages.edges.map((e) => e.node) ?? [];
  const busy = testing.loading || replaying.loading || enabling.loading || disabling.loading || rotating.loading || removing.loading;
  const quietly = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch {
      // shown from the mutation's error
    }
  };
  return (
    <>
      <button type="button" className="link" onClick={onBack}>
        ← All endpoints
      </button>
      <ErrorMessage
        error={error ?? testing.error ?? replaying.error ?? enabling.error ?? disabling.error ?? rotating.error ?? removing.error}
      />
      {!data && loading && <p className="state">Loading the delivery log…</p>}
      {data && !endpoint && <p className="state">This endpoint does not exist (any more).</p>}
      {endpoint && (
        <section aria-label="Webhook endpoint">
          <div className="screen-head">
            <h2>
              <code>{endpoint.url}</code>
            </h2>
            <EndpointStatus endpoint={endpoint} />
          </div>
          <p className="muted">Event types: {endpoint.eventTypes.join(', ')}</p>
          <div className="actions">
            <button
              type="button"
              disabled={busy || endpoint.status !== 'ENABLED'}
              onClick={() => quietly(() => sendTest({ variables: { endpoint: id } }))}
            >
              Send test
            </button>{' '}
            {endpoint.status === 'ENABLED' ? (
              <button type="button" disabled={busy} onClick={() => quietly(() => disable({ variables: { id } }))}>
                Disable
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => quietly(() => enable({ variables: { id } }))}>
                Enable
              </button>
            )}{' '}
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                quietly(async () => {
                  const result = await rotate({ variables: { id } });
                  const rotated = result.data?.rotateWebhookEndpointSecret;
                  if (rotated) onSecret({ url: rotated.endpoint.url, secret: rotated.secret });
                })
              }
            >
              Rotate secret
            </button>{' '}
            <button
              type="button"
              className="link"
              disabled={busy}
              onClick={() =>
                quietly(async () => {
                  await remove({ variables: { id } });
                  onBack();
                })
              }
            >
              Delete endpoint
            </button>
          </div>
          <h3>Delivery log</h3>
          <p className="muted">{endpoint.messages.totalCount} messages, newest first</p>
          {messages.length === 0 && <p className="state">No messages yet.</p>}
          {messages.length > 0 && (
            <table aria-label="Delivery log">
              <thead>
                <tr>
                  <th>Created</th>
                  <th>Event type</th>
                  <th>Status</th>
                  <th>Responses</th>
                  <th>Next attempt</th>
                  <th>webhook-id</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {messages.map((m) => (
                  <tr key={m.id}>
                    <td>{instant(m.createdAt)}</td>
                    <td>{m.eventType}</td>
                    <td>
                      <span className={`badge ${m.status === 'SUCCEEDED' ? 'paid' : m.status === 'FAILED' ? 'overdue' : 'issued'}`}>
                        {m.status}
                      </span>
                    </td>
                    <td data-testid="webhook-responses">{attemptsText(m) || '—'}</td>
                    <td>{m.status === 'PENDING' ? instant(m.nextAttemptAt) : '—'}</td>
                    <td>
                      <code>{m.webhookId}</code>
                    </td>
                    <td>
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => quietly(() => replay({ variables: { id: m.id } }))}
                        aria-label={`Replay ${m.webhookId}`}
                      >
                        Replay
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <LoadMore pageInfo={endpoint.messages.pageInfo} fetchMore={fetchMore} />
          <button type="button" className="link" onClick={() => refetch()}>
            Refresh
          </button>
        </section>
      )}
    </>
  );
}
