import { ApiError } from './problems';
import type { Problem } from './types';

/**
 * The gateway's public REST API with the signed-in user's token, nothing else. Every
 * failure arrives as a problem document and leaves as an ApiError; a 401 also tells the
 * app to go back to sign-in.
 */
export class ApiClient {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: (message: string) => void,
    private readonly baseUrl = '',
  ) {}

  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  post<T>(path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
    return this.send<T>('POST', path, body, idempotencyKey);
  }

  delete<T>(path: string): Promise<T> {
    return this.send<T>('DELETE', path);
  }

  /** A call with another credential (an API key the user pasted): its 401 does not sign the user out. */
  static async withCredential<T>(credential: string, method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
    const response = await fetch(path, requestInit(credential, method, body, idempotencyKey));
    return readAnswer<T>(response);
  }

  private async send<T>(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, requestInit(this.token, method, body, idempotencyKey));
    try {
      return await readAnswer<T>(response);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.onUnauthorized(error.message);
      throw error;
    }
  }
}

function requestInit(credential: string, method: string, body: unknown, idempotencyKey: string | undefined): RequestInit {
  const headers: Record<string, string> = { authorization: `Bearer ${credential}`, accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  return { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
}

async function readAnswer<T>(response: Response): Promise<T> {
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (response.ok) return parsed as T;
  throw new ApiError(isProblem(parsed) ? parsed : { type: 'about:blank', title: response.statusText || 'Request failed', status: response.status, detail: `the gateway answered ${response.status}` });
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['type'] === 'string' && typeof record['status'] === 'number';
}

/** A fresh Idempotency-Key: a retried click never buys twice. */
export const newIdempotencyKey = (): string => crypto.randomUUID();
