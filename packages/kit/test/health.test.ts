import type { Server } from 'node:http';
import { createHttpApp, createHttpServer, listen, readiness, ServiceMetrics } from '../src';

const never = () => new Promise<never>(() => undefined);

describe('readiness', () => {
  it('names each dependency up or down, within the timeout, and is not ready while one is down or while stopping', async () => {
    const up = async () => undefined;
    const refused = async () => {
      throw new Error('ECONNREFUSED');
    };
    expect(await readiness({ dependencies: { postgres: up, nats: up } })).toEqual({
      status: 'ready',
      dependencies: { postgres: 'up', nats: 'up' },
      down: [],
    });
    const started = Date.now();
    expect(await readiness({ dependencies: { postgres: refused, nats: never }, timeoutMs: 200 })).toEqual({
      status: 'not ready',
      dependencies: { postgres: 'down', nats: 'down' },
      down: ['postgres', 'nats'],
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await readiness({ dependencies: { postgres: up }, stopping: () => true })).toMatchObject({
      status: 'not ready',
      stopping: true,
      down: [],
    });
  });
});

describe('/metrics and /readyz of a process whose dependency hangs', () => {
  let server: Server;
  let base: string;
  let metrics: ServiceMetrics;
  let lag = 7;
  let hanging = false;

  beforeAll(async () => {
    metrics = new ServiceMetrics('kit-health-test');
    metrics.gaugeFrom(
      'consumer_lag',
      'Stream messages not yet handled',
      async () => {
        if (hanging) await never();
        return [{ labels: { stream: 'S' }, value: lag }];
      },
      100,
    );
    server = createHttpServer(
      createHttpApp(metrics, { dependencies: { nats: () => (hanging ? never() : Promise.resolve()) }, timeoutMs: 300 }),
    );
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    metrics.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const scrape = async () => {
    const started = Date.now();
    const text = await (await fetch(`${base}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[2]);
    return {
      ms: Date.now() - started,
      lag: value('consumer_lag'),
      stale: value('consumer_lag_stale'),
      age: value('consumer_lag_age_seconds'),
    };
  };

  it('serves the last known value at once, marked stale, while the read hangs; fresh again once it answers', async () => {
    await new Promise((r) => setTimeout(r, 250));
    expect(await scrape()).toMatchObject({ lag: 7, stale: 0 });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    hanging = true;
    lag = 9;
    await new Promise((r) => setTimeout(r, 400));
    const during = await scrape();
    expect(during).toMatchObject({ lag: 7, stale: 1 });
    expect(during.ms).toBeLessThan(1_000);
    expect(during.age).toBeGreaterThan(0.2);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not ready', dependencies: { nats: 'down' }, down: ['nats'] });
  });
});
