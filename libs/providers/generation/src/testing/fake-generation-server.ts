import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedJob {
  readonly providerJobId: string;
  readonly taskId: string;
  readonly durationMillis: number;
}

/** How a job ended, as the provider reports it (in a webhook and to a status request). */
export type FinishedJob = { readonly kind: 'succeeded'; readonly outputDurationMillis: number } | { readonly kind: 'failed'; readonly reason: string };

/**
 * A provider's HTTP API on loopback, for tests: POST /v1/jobs starts a job (once per
 * Idempotency-Key), POST /v1/jobs/<id>/cancel and GET /v1/jobs/<id> answer 404 for jobs
 * it does not know; GET answers `{"kind": "pending"}` until the test `finish`es the job.
 */
export class FakeGenerationServer {
  readonly jobs: ReceivedJob[] = [];
  private readonly finished = new Map<string, FinishedJob>();
  private nextJobNumber = 1;
  private readonly server: Server;

  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const answer = (status: number, body: object) => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(JSON.stringify(body));
        };
        const known = (encoded: string | undefined) => this.jobs.find((job) => job.providerJobId === decodeURIComponent(encoded ?? ''));
        const cancel = /^\/v1\/jobs\/([^/]+)\/cancel$/.exec(request.url ?? '');
        if (cancel) return known(cancel[1]) ? answer(202, {}) : answer(404, { error: 'no such job' });
        const status = request.method === 'GET' ? /^\/v1\/jobs\/([^/]+)$/.exec(request.url ?? '') : null;
        if (status) {
          const job = known(status[1]);
          if (!job) return answer(404, { error: 'no such job' });
          return answer(200, { taskId: job.taskId, providerJobId: job.providerJobId, ...(this.finished.get(job.providerJobId) ?? { kind: 'pending' }) });
        }
        const taskId = String(request.headers['idempotency-key'] ?? '');
        const existing = this.jobs.find((job) => job.taskId === taskId);
        if (existing) return answer(200, { providerJobId: existing.providerJobId });
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { durationMillis: number };
        const received = { providerJobId: `remote-${this.nextJobNumber++}`, taskId, durationMillis: body.durationMillis };
        this.jobs.push(received);
        return answer(202, { providerJobId: received.providerJobId });
      });
    });
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/jobs`;
  }

  /** The job has ended: status requests answer with how. */
  finish(providerJobId: string, outcome: FinishedJob): void {
    this.finished.set(providerJobId, outcome);
  }

  /** The provider no longer knows the job (its records lost): requests about it answer 404. */
  forget(providerJobId: string): void {
    const index = this.jobs.findIndex((job) => job.providerJobId === providerJobId);
    if (index >= 0) this.jobs.splice(index, 1);
    this.finished.delete(providerJobId);
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
