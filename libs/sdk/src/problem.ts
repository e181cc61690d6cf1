import type { components } from './openapi';

/** RFC 9457 problem details as the gateway writes them: `type`, `title`, `status`, `detail` and the members of each kind. */
export type ProblemDocument = components['schemas']['ProblemDto'];

/** Where the gateway's problem types live; `kind` is what follows it. */
export const PROBLEM_TYPE_BASE = 'https://billing.local/problems/';

/**
 * A call the gateway refused, as an error: every member of its problem document is a
 * field (`pool`, `available`, `required`, `errors`, `retry_after`, ...), typed as the
 * OpenAPI document declares them, and `kind` is the type without its base.
 */
export class BillingProblem extends Error implements ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly errors?: ProblemDocument['errors'];
  readonly pool?: string;
  readonly available?: number;
  readonly required?: number;
  readonly limit?: number;
  readonly running?: number;
  readonly entitlement?: string;
  readonly retry_after?: number;

  constructor(
    readonly problem: ProblemDocument,
    /** The answer's headers (Retry-After, RateLimit, WWW-Authenticate). */
    readonly headers: Headers = new Headers(),
  ) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.name = 'BillingProblem';
    Object.assign(this, problem);
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
  }

  /** `insufficient-credits`, `validation`, `rate-limited`, ...: the problem's type without its URI base. */
  get kind(): string {
    return this.type.slice(this.type.lastIndexOf('/') + 1);
  }

  /** Members beyond the five of RFC 9457, undeclared ones included. */
  get extensions(): Readonly<Record<string, unknown>> {
    const { type: _t, title: _ti, status: _s, detail: _d, instance: _i, ...rest } = this.problem as ProblemDocument & Record<string, unknown>;
    return rest;
  }
}

/** A problem document, or one made up for an answer that is not (a proxy's 502 page, an empty 503). */
export function problemFrom(status: number, statusText: string, body: unknown, headers: Headers): BillingProblem {
  if (isProblem(body)) return new BillingProblem(body, headers);
  return new BillingProblem({ type: 'about:blank', title: statusText || 'Request failed', status, detail: `the gateway answered ${status}` }, headers);
}

function isProblem(value: unknown): value is ProblemDocument {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['type'] === 'string' && typeof record['status'] === 'number' && typeof record['title'] === 'string';
}
