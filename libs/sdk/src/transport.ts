import { type AnswerOf, type OperationId, ROUTES } from './operations';
import { type BillingProblem, problemFrom } from './problem';
import { DEFAULT_RETRY, isRetryable, type RetryPolicy, retryDelayMillis } from './retry';

export interface BillingClientOptions {
  /** Where the gateway listens (`https://billing.example.com`); '' for the page's own origin. */
  readonly baseUrl: string;
  /** An API key (`bk_...`) or an app user's JWT, sent as a Bearer token. */
  readonly credential?: string;
  /** The organisation to act in (`X-Organisation-Id`); absent: the token's `org` claim, else the user's own. */
  readonly organisationId?: string;
  readonly retry?: Partial<RetryPolicy>;
  /** Makes Idempotency-Keys (default `crypto.randomUUID`). */
  readonly idempotencyKey?: () => string;
  /** Told of every problem before it is thrown (the dashboard signs out on its 401). */
  readonly onProblem?: (problem: BillingProblem) => void;
  /** Another fetch (a proxy agent, a test's recorder); default the global one. */
  readonly fetch?: typeof fetch;
  readonly sleep?: (millis: number) => Promise<void>;
  readonly random?: () => number;
}

export interface CallOptions {
  /** The Idempotency-Key of a keyed POST: by default a new one per call, kept across its retries. */
  readonly idempotencyKey?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  readonly retry?: Partial<RetryPolicy>;
}

/** The parts of a request beside its route. */
export interface RequestParts {
  readonly path?: Readonly<Record<string, string>>;
  readonly query?: object;
  readonly body?: unknown;
  /** A body sent as it is (a signed webhook's bytes). */
  readonly rawBody?: string;
}

const IDEMPOTENCY_HEADER = 'idempotency-key';
const REPLAYED_HEADER = 'idempotent-replayed';

/** Sends one operation: its route, the credential, the key, the retries; answers its JSON or throws its problem. */
export class Transport {
  private readonly retry: RetryPolicy;
  private readonly fetch: typeof fetch;

  constructor(readonly options: BillingClientOptions) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async send<Id extends OperationId>(id: Id, parts: RequestParts = {}, call: CallOptions = {}): Promise<AnswerOf<Id>> {
    const response = await this.exchange(id, parts, call);
    const body = await bodyOf(response);
    if (response.status >= 300 && response.status < 400) return locationOf(response) as AnswerOf<Id>;
    if (response.ok) return body as AnswerOf<Id>;
    const problem = problemFrom(response.status, response.statusText, body, response.headers);
    this.options.onProblem?.(problem);
    throw problem;
  }

  /**
   * Sends, and sends again while the answer is a 429 or 503 a retry can cure. A 503 is sent
   * again with the same Idempotency-Key (the gateway keeps no answer of a failure); a 429
   * refused the request without doing it, so a key the SDK made is made anew (the gateway
   * replays a kept refusal for its key). A replayed answer is final.
   */
  private async exchange(id: OperationId, parts: RequestParts, call: CallOptions): Promise<Response> {
    const route = ROUTES[id];
    const policy = { ...this.retry, ...call.retry };
    const makeKey = this.options.idempotencyKey ?? (() => crypto.randomUUID());
    let key = route.keyed ? (call.idempotencyKey ?? makeKey()) : undefined;
    for (let attempt = 0; ; attempt++) {
      const response = await this.fetch(this.urlOf(route.path, parts), this.init(route.method, parts, call, key));
      if (!isRetryable(response.status) || attempt >= policy.retries || response.headers.get(REPLAYED_HEADER) === 'true') return response;
      const delay = retryDelayMillis(policy, attempt, response.headers.get('retry-after'), this.options.random ?? Math.random, Date.now());
      if (delay === null) return response;
      await response.body?.cancel();
      await (this.options.sleep ?? sleep)(delay);
      if (response.status === 429 && key !== undefined && call.idempotencyKey === undefined) key = makeKey();
    }
  }

  private urlOf(template: string, parts: RequestParts): string {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(parts.path?.[name] ?? ''));
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(parts.query ?? {})) if (value !== undefined && value !== null) query.append(name, String(value));
    const search = query.toString();
    return `${this.options.baseUrl}${path}${search ? `?${search}` : ''}`;
  }

  private init(method: string, parts: RequestParts, call: CallOptions, key: string | undefined): RequestInit {
    const body = parts.rawBody ?? (parts.body === undefined ? undefined : JSON.stringify(parts.body));
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      ...(this.options.credential ? { authorization: `Bearer ${this.options.credential}` } : {}),
      ...(this.options.organisationId ? { 'x-organisation-id': this.options.organisationId } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(key === undefined ? {} : { [IDEMPOTENCY_HEADER]: key }),
      ...call.headers,
    };
    return { method, headers, redirect: 'manual', ...(body === undefined ? {} : { body }), ...(call.signal ? { signal: call.signal } : {}) };
  }
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  if (!(response.headers.get('content-type') ?? '').includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const locationOf = (response: Response): { location: string | null } => ({ location: response.headers.get('location') });

const sleep = (millis: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, millis));
