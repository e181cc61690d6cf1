import { setTimeout as sleepFor } from 'node:timers/promises';
import { GenerationProviderError } from '../generation-errors';
import type {
  GenerationJob,
  GenerationJobRef,
  GenerationJobStatus,
  GenerationOutcome,
  GenerationProvider,
  OutcomeListener,
  SubmittedJob,
} from '../generation-provider';
import { type DeliveryErrorHandler, OutcomeListeners } from '../outcome-listeners';
import { assertValidJob } from '../validate-job';
import { verifyGenerationWebhook, type WebhookBody, type WebhookHeaders } from './generation-webhook';
import { parseJobStatus } from './job-status.dto';
import { parseSubmittedJob } from './submitted-job.dto';

export interface HttpGenerationProviderOptions {
  /**
   * The provider's jobs collection: submit POSTs here, cancel POSTs to `<endpoint>/<providerJobId>/cancel`,
   * status GETs `<endpoint>/<providerJobId>`.
   */
  readonly endpoint: string;
  readonly apiKey?: string;
  /** Sent with each job so the provider knows where to post the outcome webhook. */
  readonly callbackUrl?: string;
  readonly webhookSecret: string;
  readonly webhookToleranceSeconds?: number;
  /** Per attempt. */
  readonly timeoutMillis?: number;
  /** Attempts in all, the first included. */
  readonly maxAttempts?: number;
  /** Delay before the first retry; it doubles for each further one. */
  readonly retryDelayMillis?: number;
  readonly onDeliveryError?: DeliveryErrorHandler;
}

type Attempt = { kind: 'answered'; response: Response } | { kind: 'unreachable'; error: unknown };

/** One request: a POST of a JSON body under an idempotency key, or a GET. */
type ProviderRequest = { readonly method: 'POST'; readonly body: object; readonly idempotencyKey: string } | { readonly method: 'GET' };

const RETRYABLE_STATUSES = new Set([408, 429]);

/**
 * A generation provider behind HTTP. Jobs are POSTed as JSON with `Idempotency-Key: <taskId>`,
 * so a retried submit cannot start a second render. Outcomes arrive by signed webhook:
 * the receiving endpoint hands the raw body and headers to `acceptWebhook`.
 */
export class HttpGenerationProvider implements GenerationProvider {
  private readonly listeners: OutcomeListeners;
  private readonly closing = new AbortController();

  constructor(private readonly options: HttpGenerationProviderOptions) {
    if (!(options.maxAttempts === undefined || (Number.isInteger(options.maxAttempts) && options.maxAttempts >= 1))) {
      throw new RangeError('maxAttempts must be a positive integer');
    }
    this.listeners = new OutcomeListeners(options.onDeliveryError);
  }

  async submit(job: GenerationJob): Promise<SubmittedJob> {
    assertValidJob(job);
    const body = { ...job, ...(this.options.callbackUrl ? { callbackUrl: this.options.callbackUrl } : {}) };
    const response = await this.send(this.options.endpoint, { method: 'POST', body, idempotencyKey: job.taskId }, `submit task ${job.taskId}`);
    const submitted = parseSubmittedJob(await response.json().catch(() => undefined));
    if (!submitted) {
      throw new GenerationProviderError('invalid_response', `submit task ${job.taskId}: the provider's answer has no providerJobId`, response.status);
    }
    return submitted;
  }

  /** A job the provider no longer knows (404) or has finished (409) needs no cancelling. */
  async cancel(providerJobId: string): Promise<void> {
    const url = `${this.jobUrl(providerJobId)}/cancel`;
    try {
      await this.send(url, { method: 'POST', body: {}, idempotencyKey: `cancel:${providerJobId}` }, `cancel job ${providerJobId}`);
    } catch (error) {
      if (error instanceof GenerationProviderError && (error.status === 404 || error.status === 409)) return;
      throw error;
    }
  }

  /** A job the provider does not know (404) is `unknown`; it retries like submit, and throws when it gets no answer. */
  async status(job: GenerationJobRef): Promise<GenerationJobStatus> {
    const what = `status of job ${job.providerJobId}`;
    let response: Response;
    try {
      response = await this.send(this.jobUrl(job.providerJobId), { method: 'GET' }, what);
    } catch (error) {
      if (error instanceof GenerationProviderError && error.status === 404) return { kind: 'unknown' };
      throw error;
    }
    const status = parseJobStatus(await response.json().catch(() => undefined), job);
    if (!status) throw new GenerationProviderError('invalid_response', `${what}: the provider's answer is not a job status`, response.status);
    return status;
  }

  onOutcome(listener: OutcomeListener): () => void {
    return this.listeners.add(listener);
  }

  /**
   * Verifies a webhook, hands the outcome to the listeners and returns it once they have
   * recorded it; throws `GenerationWebhookError`, or a listener's error (the webhook is then
   * not acknowledged, and the provider sends it again).
   */
  async acceptWebhook(rawBody: WebhookBody, headers: WebhookHeaders, now: number): Promise<GenerationOutcome> {
    const outcome = verifyGenerationWebhook(rawBody, headers, {
      secret: this.options.webhookSecret,
      toleranceSeconds: this.options.webhookToleranceSeconds ?? 300,
      now,
    });
    await this.listeners.deliver(outcome);
    return outcome;
  }

  async close(): Promise<void> {
    this.closing.abort();
  }

  private jobUrl(providerJobId: string): string {
    return `${this.options.endpoint.replace(/\/$/, '')}/${encodeURIComponent(providerJobId)}`;
  }

  private async send(url: string, request: ProviderRequest, what: string): Promise<Response> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    let last: Attempt | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) await this.pause((this.options.retryDelayMillis ?? 200) * 2 ** (attempt - 2));
      last = await this.attempt(url, request);
      if (last.kind === 'answered') {
        const { response } = last;
        if (response.ok) return response;
        if (!isRetryable(response.status)) {
          throw new GenerationProviderError('rejected', `${what}: the provider answered ${response.status} ${await safeText(response)}`, response.status);
        }
        await response.body?.cancel();
      }
    }
    const detail = last?.kind === 'answered' ? `status ${last.response.status}` : String(last?.error);
    throw new GenerationProviderError('unavailable', `${what}: no answer after ${maxAttempts} attempts (${detail})`,
      last?.kind === 'answered' ? last.response.status : undefined, { cause: last?.kind === 'unreachable' ? last.error : undefined });
  }

  private async attempt(url: string, request: ProviderRequest): Promise<Attempt> {
    this.assertOpen();
    const signal = AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.options.timeoutMillis ?? 10_000)]);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.apiKey) headers['authorization'] = `Bearer ${this.options.apiKey}`;
    if (request.method === 'POST') Object.assign(headers, { 'content-type': 'application/json', 'idempotency-key': request.idempotencyKey });
    try {
      const response = await fetch(url, {
        method: request.method,
        headers,
        ...(request.method === 'POST' ? { body: JSON.stringify(request.body) } : {}),
        signal,
      });
      return { kind: 'answered', response };
    } catch (error) {
      this.assertOpen();
      return { kind: 'unreachable', error };
    }
  }

  private async pause(millis: number): Promise<void> {
    await sleepFor(millis, undefined, { signal: this.closing.signal }).catch(() => undefined);
    this.assertOpen();
  }

  private assertOpen(): void {
    if (this.closing.signal.aborted) throw new GenerationProviderError('closed', 'the generation provider is closed');
  }
}

function isRetryable(status: number): boolean {
  return status >= 500 || RETRYABLE_STATUSES.has(status);
}

async function safeText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
