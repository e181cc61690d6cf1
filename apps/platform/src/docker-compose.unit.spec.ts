import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { loadGatewayConfig, loadPlatformConfig } from '@billing/platform-config';
import { SCALED_SERVICES } from './distributed/service-processes';
import { START_ORDER } from './runtime/service-catalog';

/**
 * docker-compose.yml cannot run here (no Docker engine): it is parsed as Compose would
 * (YAML 1.1 merge keys, `${NAME:-default}` from an empty environment) and each service's
 * environment goes through the platform's own configuration check.
 */
interface ComposeService {
  readonly image?: string;
  readonly environment?: Record<string, string | number>;
  readonly deploy?: { readonly replicas?: string | number };
  readonly depends_on?: Record<string, { condition: string }> | string[];
  readonly volumes?: string[];
  readonly healthcheck?: { test: string[] };
  readonly profiles?: string[];
}

const text = readFileSync(resolve(__dirname, '../../../docker-compose.yml'), 'utf8');
/** Compose's interpolation with nothing set: `${NAME:-default}` gives its default, `${NAME}` nothing. */
const interpolated = (env: Record<string, string>) => text.replace(/\$\{(\w+)(?::?-([^}]*))?\}/g, (_, name: string, fallback?: string) => env[name] ?? fallback ?? '');
const compose = (env: Record<string, string> = {}) => parse(interpolated(env), { merge: true }) as { services: Record<string, ComposeService> };

describe('docker-compose.yml', () => {
  const { services } = compose();

  it('given no INSTANCES, then two containers of each scaled service on the postgres service, after it is healthy; webhooks and the gateway once', () => {
    expect(services['postgres']?.healthcheck?.test.join(' ')).toContain('pg_isready');
    for (const name of SCALED_SERVICES) {
      const service = services[name];
      expect([name, Number(service?.deploy?.replicas)]).toEqual([name, 2]);
      expect(service?.environment).toMatchObject({ SERVICE: name, EVENT_STORE: 'postgres', DATABASE_URL: expect.stringMatching(/^postgres:\/\/[^@]+@postgres:5432\//) });
      expect((service?.depends_on as Record<string, { condition: string }>)['postgres']).toEqual({ condition: 'service_healthy' });
      // A replica keeps its read models in its own /data: no named volume shared by two containers.
      expect(service?.volumes ?? []).toEqual([]);
    }
    expect(services['webhooks']?.deploy?.replicas).toBeUndefined();
    expect(services['gateway']?.deploy?.replicas).toBeUndefined();
  });

  it('given INSTANCES=1, then one container of each', () => {
    const one = compose({ INSTANCES: '1' }).services;
    expect(SCALED_SERVICES.map((name) => Number(one[name]?.deploy?.replicas))).toEqual([1, 1, 1, 1]);
  });

  it('given each service container, then its environment passes the platform configuration check', () => {
    for (const name of START_ORDER) {
      const environment = Object.fromEntries(Object.entries(services[name]?.environment ?? {}).map(([key, value]) => [key, String(value)]));
      expect(loadPlatformConfig(environment)).toMatchObject({ service: name, transport: 'kafka', eventStore: 'postgres', databaseUrl: 'postgres://billing:billing@postgres:5432/billing' });
    }
  });

  it('given JWT_SECRET, then the gateway container environment passes the gateway configuration check', () => {
    const gateway = compose({ JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters!' }).services['gateway'];
    const environment = Object.fromEntries(Object.entries(gateway?.environment ?? {}).map(([key, value]) => [key, String(value)]));
    expect(() => loadGatewayConfig(environment)).not.toThrow();
  });

  it('given EventStoreDB, then it only starts with its profile', () => {
    expect(services['eventstoredb']?.profiles).toEqual(['eventstoredb']);
  });
});
