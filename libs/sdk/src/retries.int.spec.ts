import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BillingClient } from './client';
import { BillingProblem } from './problem';

interface Seen {
  readonly path: string;
  readonly key: string | undefined;
}

/** A real HTTP server that answers each request with the next scripted answer, and keeps what it was sent. */
async function scriptedServer(answers: readonly { status: number; headers?: Record<string, string>; body?: unknown }[]): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    seen.push({ path: request.url ?? '', key: request.headers['idempotency-key'] as string | undefined });
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)] ?? { status: 500 };
    response.writeHead(answer.status, { 'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json', ...answer.headers });
    response.end(JSON.stringify(answer.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

const problem = (status: number, kind: string) => ({ type: `https://billing.local/problems/${kind}`, title: kind, status, detail: kind });
const TASK = { model: 'seedance-2.0', duration_seconds: 5 };

describe('@billing/sdk retries over real HTTP', () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  async function clientFor(answers: Parameters<typeof scriptedServer>[0], waits: number[], random = () => 0.5) {
    const { url, seen, server } = await scriptedServer(answers);
    servers.push(server);
    const client = new BillingClient({ baseUrl: url, random, sleep: async (millis) => void waits.push(millis), retry: { retries: 3, baseDelayMillis: 100 } });
    return { client, seen };
  }

  it('given 503 twice without Retry-After, then it backs off exponentially with jitter and resends the same Idempotency-Key', async () => {
    const waits: number[] = [];
    const { client, seen } = await clientFor([{ status: 503, body: problem(503, 'unavailable') }, { status: 503 }, { status: 201, body: { id: 't1' } }], waits);
    expect(await client.tasks.create(TASK)).toEqual({ id: 't1' });
    expect(waits).toEqual([50, 100]); // random 0.5 of 100 x 2^0, then of 100 x 2^1
    expect(new Set(seen.map((s) => s.key)).size).toBe(1);
    expect(seen[0]?.key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('given 429 with Retry-After, then it waits what is asked, and a key the SDK made is made anew (the refusal did nothing)', async () => {
    const waits: number[] = [];
    const { client, seen } = await clientFor([{ status: 429, headers: { 'retry-after': '2' }, body: problem(429, 'concurrency-limit') }, { status: 201, body: { id: 't2' } }], waits);
    expect(await client.tasks.create(TASK)).toEqual({ id: 't2' });
    expect(waits).toEqual([2000]);
    expect(seen[0]?.key).not.toBe(seen[1]?.key);

    const given = await clientFor([{ status: 429, headers: { 'retry-after': '1' } }, { status: 201, body: { id: 't3' } }], waits);
    await given.client.tasks.create(TASK, { idempotencyKey: 'mine-1' });
    expect(given.seen.map((s) => s.key)).toEqual(['mine-1', 'mine-1']);
  });

  it('given a replayed refusal, a wait past the maximum, or retries used up, then the problem is thrown', async () => {
    const waits: number[] = [];
    const replayed = await clientFor([{ status: 429, headers: { 'retry-after': '1', 'idempotent-replayed': 'true' }, body: problem(429, 'concurrency-limit') }], waits);
    await expect(replayed.client.tasks.create(TASK, { idempotencyKey: 'k' })).rejects.toMatchObject({ status: 429, kind: 'concurrency-limit' });
    expect(replayed.seen).toHaveLength(1);

    const tooLong = await clientFor([{ status: 503, headers: { 'retry-after': '3600' }, body: problem(503, 'unavailable') }], waits);
    await expect(tooLong.client.account.balances()).rejects.toBeInstanceOf(BillingProblem);
    expect(tooLong.seen).toHaveLength(1);

    const busy = await clientFor([{ status: 503, body: problem(503, 'unavailable') }], waits);
    await expect(busy.client.account.balances()).rejects.toMatchObject({ status: 503 });
    expect(busy.seen).toHaveLength(4);
    expect(busy.seen.every((s) => s.key === undefined)).toBe(true);
  });

  it('given an answer that is not a problem document, then the error still carries its status', async () => {
    const { client } = await clientFor([{ status: 502, headers: { 'content-type': 'text/html' }, body: '<html>' }], []);
    await expect(client.account.balances()).rejects.toMatchObject({ status: 502, type: 'about:blank' });
  });
});
