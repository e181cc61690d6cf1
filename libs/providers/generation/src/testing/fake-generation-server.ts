import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedJob {
  readonly providerJobId: string;
  readonly taskId: string;
  readonly durationMillis: number;
}

/**
 * A provider's HTTP API on loopback, for tests: POST /v1/jobs starts a job (once per
 * Idempotency-Key), POST /v1/jobs/<id>/cancel answers 404 for jobs it does not know.
 */
export class FakeGenerationServer {
  readonly jobs: ReceivedJob[] = [];
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
        const cancel = /^\/v1\/jobs\/([^/]+)\/cancel$/.exec(request.url ?? '');
        if (cancel) {
          const known = this.jobs.some((job) => job.providerJobId === decodeURIComponent(cancel[1] ?? ''));
          return known ? answer(202, {}) : answer(404, { error: 'no such job' });
        }
        const taskId = String(request.headers['idempotency-key'] ?? '');
        const existing = this.jobs.find((job) => job.taskId === taskId);
        if (existing) return answer(200, { providerJobId: existing.providerJobId });
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { durationMillis: number };
        const received = { providerJobId: `remote-${this.jobs.length + 1}`, taskId, durationMillis: body.durationMillis };
        this.jobs.push(received);
        return answer(202, { providerJobId: received.providerJobId });
      });
    });
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/jobs`;
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
