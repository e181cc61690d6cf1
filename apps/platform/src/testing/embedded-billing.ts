import { signAppToken } from '@billing/gateway-application';
import type { BillingGrpcServer } from '@billing/gateway-grpc';
import { type FrontDoor, openFrontDoor } from '../runtime/front-door';
import type { PlatformRuntime } from '../runtime/platform-runtime';
import { frontDoorTestEnvironment, startEmbedded } from './embedded';
import { createLogger } from '@billing/service-host';

const JWT_SECRET = 'grpc-e2e-secret-that-is-long-enough';

/**
 * The variables `npm start` would be given: stores in `dir`, free loopback ports, the simulator
 * without latency or failures (unless `overrides` say otherwise).
 */
const environment = (dir: string, overrides: Record<string, string>): Record<string, string> => ({ ...frontDoorTestEnvironment(dir, JWT_SECRET), ...overrides });

/**
 * The embedded platform as `npm start` composes it, in this process: the platform runtime
 * (every service under its host, the in-process bus, SQLite files in `dir`) and its front
 * door, whose gRPC server (`billing.v1`) and REST gateway listen on free loopback ports.
 */
export class EmbeddedBilling {
  private constructor(
    /** Errors of every part, one JSON line each. */
    readonly logs: readonly string[],
    private readonly runtime: PlatformRuntime,
    private readonly door: FrontDoor,
  ) {}

  static async start(dir: string, overrides: Record<string, string> = {}): Promise<EmbeddedBilling> {
    const logs: string[] = [];
    const runtime = await startEmbedded(dir, environment(dir, overrides), logs);
    try {
      const door = await openFrontDoor(runtime, environment(dir, overrides), { logger: createLogger('gateway', { sink: (line) => logs.push(line), level: 'error' }), logRequests: false });
      // As `npm start` does: on stop the front door closes first, then the services, then the bus.
      runtime.beforeStop(() => door.close());
      return new EmbeddedBilling(logs, runtime, door);
    } catch (error) {
      await runtime.stop();
      throw error;
    }
  }

  get grpc(): BillingGrpcServer {
    return this.door.grpc;
  }

  get grpcAddress(): string {
    return `127.0.0.1:${this.door.grpc.port}`;
  }

  /** A signed-in app user's token (channel app, so the App pool), signed as `billing token` signs it. */
  token(accountId: string): Promise<string> {
    return signAppToken(JWT_SECRET, accountId, { now: Date.now(), ttlSeconds: 3600 });
  }

  /** An API key created by the account's app user over REST, as the dashboard does (channel api, so the API pool). */
  async apiKey(accountId: string): Promise<string> {
    const created = await this.rest(accountId, '/v1/api-keys', { name: 'grpc e2e' }, 201);
    return String(created['key']);
  }

  /** Orders a pack and pays it in the sandbox; the order's id. */
  buyPack(accountId: string, packId: string): Promise<string> {
    return this.buy(accountId, { kind: 'pack', pack_id: packId });
  }

  /** Subscribes to a plan (price book `points`): its order paid in the sandbox; the order's id. */
  buyPlan(accountId: string, planId: string): Promise<string> {
    return this.buy(accountId, { kind: 'plan', plan_id: planId });
  }

  /** A GET to the front door's REST gateway with this credential (an API key or a token), refused unless it answers 200. */
  async restGet(credential: string, path: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.door.http.url}${path}`, { headers: { authorization: `Bearer ${credential}` } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  }

  /** A JSON POST to the front door's REST gateway with this credential, whatever it answers. */
  async restPost(credential: string, path: string, body: object): Promise<{ readonly status: number; readonly body: Record<string, unknown> }> {
    const response = await fetch(`${this.door.http.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** The front door, then the services and the bus. */
  async stop(): Promise<void> {
    await this.runtime.stop();
  }

  /** Buys through the real purchase path over REST: an order, then the sandbox's payment confirmation. */
  private async buy(accountId: string, item: object): Promise<string> {
    const order = await this.rest(accountId, '/v1/orders', item, 201);
    await this.rest(accountId, `/v1/orders/${String(order['id'])}/confirm-sandbox-payment`, undefined, 200);
    return String(order['id']);
  }

  /** A POST by the account's app user to the front door's REST gateway, refused unless it answers `expected`. */
  private async rest(accountId: string, path: string, body: object | undefined, expected: number): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.door.http.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await this.token(accountId)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`POST ${path} answered ${response.status}, not ${expected}: ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  }
}
