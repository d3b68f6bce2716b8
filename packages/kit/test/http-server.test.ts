import { Agent, request } from 'node:http';
import express from 'express';
import { createHttpServer, KEEP_ALIVE_TIMEOUT_MS, listen } from '../src/server/http';

/** One GET on `agent`, answering the local port of the socket it went over. */
function get(port: number, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(req.socket!.localPort!));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP server keep-alive', () => {
  it('keeps an idle connection longer than the gateway reuses one (make-fetch-happen: 15 s)', () => {
    const server = createHttpServer(express());
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(15_000);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  });

  it('answers a request on a connection idle for longer than Node’s default 5 s', async () => {
    const app = express();
    app.get('/', (_req, res) => {
      res.send('ok');
    });
    const server = createHttpServer(app);
    const port = await listen(server, 0, '127.0.0.1');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(port, agent);
      await new Promise((resolve) => setTimeout(resolve, 5_500));
      // The same socket is reused: the server did not close it in between.
      expect(await get(port, agent)).toBe(first);
    } finally {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 20_000);
});
