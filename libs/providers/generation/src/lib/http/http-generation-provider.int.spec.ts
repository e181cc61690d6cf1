import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GenerationProviderError } from '../generation-errors';
import type { GenerationJob, GenerationOutcome } from '../generation-provider';
import { GENERATION_SIGNATURE_HEADER, signGenerationWebhook } from './generation-webhook';
import { HttpGenerationProvider, type HttpGenerationProviderOptions } from './http-generation-provider';

interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

type Answer = { status: number; body?: unknown } | 'hang';

/** A real HTTP server on loopback that answers from a script, one answer per request. */
class ScriptedProvider {
  readonly received: ReceivedRequest[] = [];
  private answers: Answer[] = [];
  private readonly server: Server;

  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        this.received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: text ? JSON.parse(text) : undefined });
        const answer = this.answers.shift() ?? { status: 500, body: { error: 'no scripted answer' } };
        if (answer === 'hang') return;
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/jobs`;
  }

  answer(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  async start(): Promise<void> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}

const job: GenerationJob = { taskId: 'task-42', model: 'seedance-2.0', mode: 'standard', durationMillis: 10_000, resolution: '1080p' };

describe('HttpGenerationProvider against a real HTTP server', () => {
  let server: ScriptedProvider;
  let provider: HttpGenerationProvider;
  const connect = (options: Partial<HttpGenerationProviderOptions> = {}) => {
    provider = new HttpGenerationProvider({
      endpoint: server.url,
      apiKey: 'key-1',
      callbackUrl: 'http://billing.local/v1/webhooks/generation',
      webhookSecret: 'whsec_generation',
      retryDelayMillis: 5,
      timeoutMillis: 2_000,
      ...options,
    });
    return provider;
  };

  beforeEach(async () => {
    server = new ScriptedProvider();
    await server.start();
  });

  afterEach(async () => {
    await provider?.close();
    await server.stop();
  });

  it('submits a job as JSON with its idempotency key and returns the provider job id', async () => {
    server.answer({ status: 202, body: { providerJobId: 'prov-1' } });

    await expect(connect().submit(job)).resolves.toEqual({ providerJobId: 'prov-1' });

    expect(server.received).toHaveLength(1);
    const [request] = server.received;
    expect(request).toMatchObject({ method: 'POST', url: '/v1/jobs' });
    expect(request?.headers['idempotency-key']).toBe('task-42');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBe('Bearer key-1');
    expect(request?.body).toEqual({ ...job, callbackUrl: 'http://billing.local/v1/webhooks/generation' });
  });

  it('retries after a 503 with the same idempotency key, then succeeds', async () => {
    server.answer({ status: 503, body: { error: 'busy' } }, { status: 201, body: { providerJobId: 'prov-2' } });

    await expect(connect().submit(job)).resolves.toEqual({ providerJobId: 'prov-2' });

    expect(server.received.map((request) => request.headers['idempotency-key'])).toEqual(['task-42', 'task-42']);
  });

  it('maps a 400 to a rejected error without retrying', async () => {
    server.answer({ status: 400, body: { error: 'unknown model' } });

    const error = await connect().submit(job).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GenerationProviderError);
    expect(error).toMatchObject({ code: 'rejected', status: 400 });
    expect((error as Error).message).toContain('unknown model');
    expect(server.received).toHaveLength(1);
  });

  it('gives up after its attempts on 5xx with an unavailable error', async () => {
    server.answer({ status: 500 }, { status: 502 }, { status: 503 });

    await expect(connect({ maxAttempts: 3 }).submit(job)).rejects.toMatchObject({ code: 'unavailable', status: 503 });
    expect(server.received).toHaveLength(3);
  });

  it('times out an attempt that gets no answer and retries it', async () => {
    server.answer('hang', { status: 202, body: { providerJobId: 'prov-3' } });

    await expect(connect({ timeoutMillis: 100 }).submit(job)).resolves.toEqual({ providerJobId: 'prov-3' });
    expect(server.received).toHaveLength(2);
  });

  it('retries when nothing listens, then reports the provider unavailable', async () => {
    const idle = createServer();
    idle.listen(0, '127.0.0.1');
    await once(idle, 'listening');
    const endpoint = `http://127.0.0.1:${(idle.address() as AddressInfo).port}/v1/jobs`;
    idle.close();
    await once(idle, 'close');

    await expect(connect({ endpoint, maxAttempts: 2 }).submit(job)).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('refuses a 2xx answer without a provider job id', async () => {
    server.answer({ status: 200, body: { id: 'prov-4' } });
    await expect(connect().submit(job)).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('cancels a job, and treats a job the provider no longer knows as cancelled', async () => {
    server.answer({ status: 202, body: {} }, { status: 404, body: { error: 'no such job' } });
    const connected = connect();

    await connected.cancel('prov/5');
    await connected.cancel('prov-6');

    expect(server.received.map((request) => request.url)).toEqual(['/v1/jobs/prov%2F5/cancel', '/v1/jobs/prov-6/cancel']);
  });

  it('asks a job\'s status with a GET, retrying a 503, and reads pending, a success or a failure', async () => {
    server.answer(
      { status: 503, body: { error: 'busy' } },
      { status: 200, body: { kind: 'pending' } },
      { status: 200, body: { kind: 'succeeded', taskId: 'task-42', providerJobId: 'prov/1', outputDurationMillis: 7_250 } },
      { status: 200, body: { kind: 'failed', reason: 'content_policy' } },
    );
    const connected = connect();
    const ref = { taskId: 'task-42', providerJobId: 'prov/1' };

    await expect(connected.status(ref)).resolves.toEqual({ kind: 'pending' });
    await expect(connected.status(ref)).resolves.toEqual({ kind: 'succeeded', ...ref, outputDurationMillis: 7_250 });
    await expect(connected.status(ref)).resolves.toEqual({ kind: 'failed', ...ref, reason: 'content_policy' });

    expect(server.received.map((request) => [request.method, request.url])).toEqual(Array(4).fill(['GET', '/v1/jobs/prov%2F1']));
    expect(server.received[0]?.headers.authorization).toBe('Bearer key-1');
    expect(server.received[0]?.body).toBeUndefined();
  });

  it('reads a job the provider does not know (404) as unknown, and refuses an answer that is no status', async () => {
    server.answer({ status: 404, body: { error: 'no such job' } }, { status: 200, body: { kind: 'done' } });
    const connected = connect();
    const ref = { taskId: 'task-42', providerJobId: 'prov-9' };

    await expect(connected.status(ref)).resolves.toEqual({ kind: 'unknown' });
    await expect(connected.status(ref)).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('reports a provider that never answers a status request as unavailable', async () => {
    server.answer({ status: 502 }, { status: 503 });
    await expect(connect({ maxAttempts: 2 }).status({ taskId: 'task-42', providerJobId: 'prov-1' })).rejects.toMatchObject({ code: 'unavailable', status: 503 });
  });

  it('refuses to submit once closed', async () => {
    const connected = connect();
    await connected.close();
    await expect(connected.submit(job)).rejects.toMatchObject({ code: 'closed' });
    expect(server.received).toHaveLength(0);
  });

  it('hands a verified webhook outcome to its listeners and refuses a forged one', async () => {
    const connected = connect();
    const outcomes: GenerationOutcome[] = [];
    connected.onOutcome(async (outcome) => {
      outcomes.push(outcome);
    });
    const now = Date.now();
    const body = JSON.stringify({ kind: 'failed', taskId: 'task-42', providerJobId: 'prov-1', reason: 'content_policy' });
    const header = signGenerationWebhook(body, { secret: 'whsec_generation', now });

    await connected.acceptWebhook(body, { [GENERATION_SIGNATURE_HEADER]: header }, now);
    await expect(connected.acceptWebhook(body.replace('policy', 'filter'), { [GENERATION_SIGNATURE_HEADER]: header }, now)).rejects.toMatchObject({
      reason: 'bad_signature',
    });

    expect(outcomes).toEqual([JSON.parse(body)]);
  });
});
