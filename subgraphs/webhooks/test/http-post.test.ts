import { postWebhook } from '../src/jobs/http-post';
import { WebhookReceiver } from '../src/testing/webhook-receiver';

/** The sender alone, against a real local receiver: outcomes, the timeout, and the private-address guard. */
describe('postWebhook', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterAll(() => receiver.stop());
  const options = { timeoutMs: 2_000, blockPrivateAddresses: false };

  it('answers the status and body of the receiver', async () => {
    const outcome = await postWebhook(receiver.url, {}, '{}', options);
    expect(outcome).toMatchObject({ statusCode: 400, error: null }); // unsigned: the receiver refuses it
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('gives up after the timeout, with the reason', async () => {
    receiver.hang(5_000);
    try {
      const outcome = await postWebhook(receiver.url, {}, '{}', { ...options, timeoutMs: 200 });
      expect(outcome).toMatchObject({ statusCode: null, body: null, error: 'timed out after 200 ms' });
    } finally {
      receiver.hang(0);
    }
  });

  it('records a refused connection as an error, never throws', async () => {
    const closed = await WebhookReceiver.start();
    const url = closed.url;
    await closed.stop();
    const outcome = await postWebhook(url, {}, '{}', options);
    expect(outcome.statusCode).toBeNull();
    expect(outcome.error).toMatch(/ECONNREFUSED/);
  });

  it('refuses private addresses when told to, also behind a host name (checked on the resolved address)', async () => {
    const before = receiver.received.length;
    const literal = await postWebhook(receiver.url, {}, '{}', { ...options, blockPrivateAddresses: true });
    expect(literal.error).toBe('refused: 127.0.0.1 is a private address');
    const named = await postWebhook(receiver.url.replace('127.0.0.1', 'localhost'), {}, '{}', { ...options, blockPrivateAddresses: true });
    expect(named.statusCode).toBeNull();
    expect(named.error).toMatch(/refused: localhost resolves to a private address/);
    expect(receiver.received.length).toBe(before); // nothing reached the receiver
  });
});
