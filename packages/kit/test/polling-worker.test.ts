import { createLogger, PollingWorker } from '../src';

const log = createLogger('test', 'silent');

describe('PollingWorker', () => {
  it('runs again at once while there is work, sleeps when there is none, and wakes on nudge', async () => {
    const rounds: number[] = [];
    let backlog = 3;
    const worker = new PollingWorker(
      'test',
      async () => {
        rounds.push(Date.now());
        if (backlog === 0) return 0;
        backlog -= 1;
        return 1;
      },
      60_000,
      log,
    );
    worker.start();
    await new Promise((r) => setTimeout(r, 100));
    // three rounds with work, one without, then asleep for a minute
    expect(rounds).toHaveLength(4);
    backlog = 1;
    worker.nudge();
    await new Promise((r) => setTimeout(r, 100));
    expect(rounds).toHaveLength(6);
    await worker.stop();
  });

  it('rests after a round with work in proportion to the round when given a rest ratio', async () => {
    let rounds = 0;
    const worker = new PollingWorker(
      'test',
      async () => {
        rounds += 1;
        await new Promise((r) => setTimeout(r, 40));
        return 1;
      },
      60_000,
      log,
      4, // rests four times the round: a round every 200 ms or more
    );
    worker.start();
    await new Promise((r) => setTimeout(r, 300));
    // without the rest the loop would have run 7 or 8 rounds (one every 40 ms); a slow machine only runs fewer
    expect(rounds).toBeGreaterThanOrEqual(1);
    expect(rounds).toBeLessThanOrEqual(2);
    await worker.stop();
  });

  it('keeps going after a failed round and stops after the round in progress', async () => {
    let calls = 0;
    let finished = false;
    const worker = new PollingWorker(
      'test',
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        await new Promise((r) => setTimeout(r, 50));
        finished = true;
        return 0;
      },
      10,
      log,
    );
    worker.start();
    await new Promise((r) => setTimeout(r, 30));
    await worker.stop();
    expect(calls).toBe(2);
    expect(finished).toBe(true);
  });
});
