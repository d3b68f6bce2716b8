import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@meterline/kit';
import { freePort } from '@meterline/kit/testing';
import express from 'express';
import { proxyToSubgraph } from '../src';

const log = createLogger('gateway', process.env.TEST_LOG_LEVEL ?? 'silent');
const portOf = (server: Server | TcpServer) => (server.address() as AddressInfo).port;
const listening = <S extends Server | TcpServer>(server: S) =>
  new Promise<S>((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
const closing = (server: Server | TcpServer) => {
  if ('closeAllConnections' in server) server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
};

/** The gateway's REST door in front of an upstream the test controls: the proxy as the gateway mounts it, tenant given. */
async function doorTo(upstreamPort: number, timeouts = { connectMs: 1_000, idleMs: 500 }) {
  const app = express();
  app.use((_req, res, next) => {
    res.locals.tenant = { platformId: '00000000-0000-4000-8000-000000000001', role: 'ingest' };
    next();
  });
  app.post('/v1/events', proxyToSubgraph(`http://127.0.0.1:${upstreamPort}/graphql`, 'secret', log, timeouts));
  const server = await listening(createServer(app));
  return { url: `http://127.0.0.1:${portOf(server)}/v1/events`, close: () => closing(server) };
}

const post = (url: string, signal?: AbortSignal) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]', signal });

const answer = async (response: Response) => ({
  status: response.status,
  retryAfter: response.headers.get('retry-after'),
  code: ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code,
});

/** A TCP server that accepts every connection and never answers a byte (it reads, so it sees the other side close). */
async function silentTcpServer() {
  const sockets: Socket[] = [];
  const server = await listening(
    createTcpServer((socket) => {
      sockets.push(socket);
      socket.resume();
    }),
  );
  return {
    port: portOf(server),
    sockets,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return closing(server);
    },
  };
}

/**
 * A port whose TCP connections never complete: a listener (in a worker thread whose event loop is blocked, so it
 * never accepts) with its accept queue filled, so the kernel drops further SYNs, as a black-holed host does.
 */
async function neverAcceptingPort() {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const server = require('node:net').createServer();
     server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
       parentPort.postMessage(server.address().port);
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // never accepts again
     });`,
    { eval: true },
  );
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  const fillers: Socket[] = [];
  for (let i = 0; i < 20; i++) {
    const socket = connect(port, '127.0.0.1');
    fillers.push(socket);
    const connected = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('error', () => resolve(false));
      setTimeout(() => resolve(false), 300);
    });
    if (!connected) break; // the queue is full: this SYN, and the next ones, are dropped
  }
  return {
    port,
    close: async () => {
      for (const socket of fillers) socket.destroy();
      await worker.terminate();
    },
  };
}

describe('the REST proxy', () => {
  it('passes an upstream answer through, status and body', async () => {
    const upstream = await listening(
      createServer((req, res) =>
        req.resume().on('end', () => res.writeHead(207, { 'content-type': 'application/json' }).end('{"ok":true}')),
      ),
    );
    const door = await doorTo(portOf(upstream));
    const response = await post(door.url);
    expect([response.status, await response.json()]).toEqual([207, { ok: true }]);
    await door.close();
    await closing(upstream);
  });

  it('passes a document through with its file name, validator and caching, and the client’s If-None-Match up', async () => {
    const seen: Array<string | undefined> = [];
    const upstream = await listening(
      createServer((req, res) => {
        seen.push(req.headers['if-none-match']);
        req.resume().on('end', () =>
          res
            .writeHead(200, {
              'content-type': 'application/pdf',
              'content-disposition': 'attachment; filename="INV-000001.pdf"',
              'content-length': '8',
              etag: '"abc"',
              'cache-control': 'private, no-cache',
            })
            .end('%PDF-1.3'),
        );
      }),
    );
    const app = express();
    app.use((_req, res, next) => {
      res.locals.tenant = { platformId: '00000000-0000-4000-8000-000000000001', role: 'read' };
      next();
    });
    const timeouts = { connectMs: 1_000, idleMs: 500 };
    app.get('/v1/invoices/:id/pdf', proxyToSubgraph(`http://127.0.0.1:${portOf(upstream)}/graphql`, 'secret', log, timeouts));
    const door = await listening(createServer(app));
    const response = await fetch(`http://127.0.0.1:${portOf(door)}/v1/invoices/i1/pdf`, { headers: { 'if-none-match': '"abc"' } });
    expect(response.status).toBe(200);
    expect(
      Object.fromEntries(
        ['content-type', 'content-disposition', 'content-length', 'etag', 'cache-control'].map((h) => [h, response.headers.get(h)]),
      ),
    ).toEqual({
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename="INV-000001.pdf"',
      'content-length': '8',
      etag: '"abc"',
      'cache-control': 'private, no-cache',
    });
    expect(await response.text()).toBe('%PDF-1.3');
    expect(seen).toEqual(['"abc"']);
    await closing(door);
    await closing(upstream);
  });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After when nothing listens upstream', async () => {
    const door = await doorTo(await freePort());
    expect(await answer(await post(door.url))).toEqual({ status: 503, retryAfter: '1', code: 'SERVICE_UNAVAILABLE' });
    await door.close();
  });

  it('answers 504 GATEWAY_TIMEOUT when the upstream says nothing within the idle timeout', async () => {
    const upstream = await listening(createServer(() => undefined)); // reads, never answers
    const door = await doorTo(portOf(upstream));
    const started = Date.now();
    expect(await answer(await post(door.url))).toMatchObject({ status: 504, code: 'GATEWAY_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(3_000);
    await door.close();
    await closing(upstream);
  });

  it('answers 504 GATEWAY_TIMEOUT within the idle timeout when the upstream accepts the connection and never says a byte', async () => {
    const upstream = await silentTcpServer();
    const door = await doorTo(upstream.port, { connectMs: 1_000, idleMs: 400 });
    const started = Date.now();
    expect(await answer(await post(door.url))).toMatchObject({ status: 504, code: 'GATEWAY_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(upstream.sockets).toHaveLength(1);
    // the proxy gave up on that connection: the upstream sees it closed
    await new Promise((resolve) => (upstream.sockets[0].destroyed ? resolve(null) : upstream.sockets[0].once('close', resolve)));
    await door.close();
    await upstream.close();
  });

  it('answers 504 GATEWAY_TIMEOUT within the connect timeout when the upstream never accepts the connection', async () => {
    const upstream = await neverAcceptingPort();
    const door = await doorTo(upstream.port, { connectMs: 500, idleMs: 60_000 });
    const started = Date.now();
    const answered = await answer(await post(door.url));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(answered).toMatchObject({ status: 504, code: 'GATEWAY_TIMEOUT' });
    await door.close();
    await upstream.close();
  });

  it('cancels the upstream connection when the client goes away while the upstream accepted and never answers', async () => {
    const upstream = await silentTcpServer();
    const door = await doorTo(upstream.port, { connectMs: 1_000, idleMs: 60_000 });
    const client = new AbortController();
    const sent = post(door.url, client.signal).catch((error: Error) => error);
    while (upstream.sockets.length === 0) await new Promise((r) => setTimeout(r, 10));
    const [socket] = upstream.sockets;
    const closed = new Promise<string>((resolve) => socket.once('close', () => resolve('closed')));
    client.abort();
    expect(await sent).toHaveProperty('name', 'AbortError');
    await expect(Promise.race([closed, new Promise((r) => setTimeout(() => r('still open'), 2_000))])).resolves.toBe('closed');
    await door.close();
    await upstream.close();
  });

  it('answers 502 BAD_GATEWAY when the upstream answers something that is not HTTP', async () => {
    const upstream = await listening(createTcpServer((socket) => socket.once('data', () => socket.end('garbage\r\n\r\n'))));
    const door = await doorTo(portOf(upstream));
    expect(await answer(await post(door.url))).toMatchObject({ status: 502, code: 'BAD_GATEWAY' });
    await door.close();
    await closing(upstream);
  });

  it('ends the client connection when the upstream dies mid-answer, instead of leaving it hanging', async () => {
    const upstream = await listening(
      createServer((req, res) => {
        req.resume();
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"results":[');
        setTimeout(() => res.socket?.destroy(), 50); // a crash after the first bytes
      }),
    );
    const door = await doorTo(portOf(upstream), { connectMs: 1_000, idleMs: 60_000 });
    const response = await post(door.url);
    expect(response.status).toBe(200);
    const started = Date.now();
    await expect(response.text()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
    await door.close();
    await closing(upstream);
  });

  it('cancels the upstream request when the client goes away', async () => {
    let upstreamRequest: IncomingMessage | undefined;
    const upstreamClosed = new Promise<void>((resolve) => {
      void listening(
        createServer((req) => {
          upstreamRequest = req;
          req.resume();
          req.socket.once('close', () => resolve()); // never answers: only the proxy can end this
        }),
      ).then((server) => (upstreamServer = server));
    });
    let upstreamServer: Server | undefined;
    while (!upstreamServer) await new Promise((r) => setTimeout(r, 10));
    const door = await doorTo(portOf(upstreamServer), { connectMs: 1_000, idleMs: 60_000 });
    const client = new AbortController();
    const sent = post(door.url, client.signal).catch((error: Error) => error);
    while (!upstreamRequest) await new Promise((r) => setTimeout(r, 10));
    client.abort();
    expect(await sent).toHaveProperty('name', 'AbortError');
    await expect(
      Promise.race([upstreamClosed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open'), 2_000))]),
    ).resolves.toBe('closed');
    await door.close();
    await closing(upstreamServer);
  });
});
