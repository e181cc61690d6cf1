/** A small fetch wrapper for the e2e specs: JSON in, status, headers and JSON out. */
export interface HttpAnswer<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export class HttpClient {
  constructor(
    readonly baseUrl: string,
    private readonly credential?: string,
  ) {}

  as(credential: string): HttpClient {
    return new HttpClient(this.baseUrl, credential);
  }

  get<T = Record<string, unknown>>(path: string, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> {
    return this.send<T>('GET', path, undefined, headers);
  }

  post<T = Record<string, unknown>>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> {
    return this.send<T>('POST', path, body, headers);
  }

  delete<T = Record<string, unknown>>(path: string): Promise<HttpAnswer<T>> {
    return this.send<T>('DELETE', path);
  }

  async send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.credential ? { authorization: `Bearer ${this.credential}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, headers: response.headers, body: (type.includes('json') && text ? JSON.parse(text) : text) as T };
  }
}
