import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got: what was sent, whether its signature verified, and what it answered. */
export interface ReceivedWebhook {
  webhookId: string;
  timestamp: string;
  body: string;
  verified: boolean;
  answered: number;
}

/**
 * A real HTTP receiver for tests (node:http on a loopback port): verifies every request's Standard Webhooks signature
 * with the standardwebhooks library and the endpoint's secret, records it, and answers what it is told (`failNext`
 * answers 500 that many times; `hang(ms)` answers only after ms, `inFlight` counting the requests it holds; `down()`
 * closes the port so connections are refused until `up()`).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  secret = '';
  private failures = 0;
  private delayMs = 0;
  /** Requests received and not answered yet (see `hang`). */
  inFlight = 0;
  private server: Server;
  private port = 0;

  private constructor() {
    this.server = this.newServer();
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await receiver.up();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** Answers 500 to the next `n` requests. */
  failNext(n: number): void {
    this.failures = n;
  }

  /** Answers every later request only after `ms` (0: at once again). */
  hang(ms: number): void {
    this.delayMs = ms;
  }

  /** Requests that verified, by webhook-id (repeats included). */
  verifiedById(): Map<string, ReceivedWebhook[]> {
    const byId = new Map<string, ReceivedWebhook[]>();
    for (const r of this.received.filter((r) => r.verified)) byId.set(r.webhookId, [...(byId.get(r.webhookId) ?? []), r]);
    return byId;
  }

  async up(): Promise<void> {
    if (this.server.listening) return;
    this.server = this.newServer();
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Closes the port (and open connections): attempts meet a refused connection until `up()`. */
  async down(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  stop(): Promise<void> {
    return this.down();
  }

  private newServer(): Server {
    return createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const verified = this.verify(body, req.headers);
        const answered = !verified ? 400 : this.failures > 0 ? 500 : 200;
        if (verified && this.failures > 0) this.failures -= 1;
        this.received.push({
          webhookId: String(req.headers['webhook-id'] ?? ''),
          timestamp: String(req.headers['webhook-timestamp'] ?? ''),
          body,
          verified,
          answered,
        });
        const answer = () =>
          res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'ok' : 'receiver failing on purpose');
        if (this.delayMs === 0) return answer();
        this.inFlight += 1;
        const timer = setTimeout(() => {
          this.inFlight -= 1;
          if (!res.destroyed) answer();
        }, this.delayMs);
        res.on('close', () => {
          if (res.writableEnded) return;
          clearTimeout(timer); // the sender hung up (or died) first
          this.inFlight -= 1;
        });
      });
    });
  }

  private verify(body: string, headers: IncomingHttpHeaders): boolean {
    if (!this.secret) return false;
    try {
      new Webhook(this.secret).verify(body, {
        'webhook-id': String(headers['webhook-id']),
        'webhook-timestamp': String(headers['webhook-timestamp']),
        'webhook-signature': String(headers['webhook-signature']),
      });
      return true;
    } catch {
      return false;
    }
  }
}
