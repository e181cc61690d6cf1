import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';

/** At most `limit` requests per window of `windowSeconds`. */
export interface RateLimitSetting {
  readonly limit: number;
  readonly windowSeconds: number;
}

/** What the REST gateway's edge takes from the environment, embedded or distributed alike. */
export interface GatewayHttpConfig {
  /** PUBLIC_URL: the gateway's address as clients reach it (the OpenAPI document's server); absent: where it listens. */
  readonly publicUrl?: string;
  /** RATE_LIMIT_API_KEY and RATE_LIMIT_APP_USER, each `<requests>/<seconds>`. */
  readonly rateLimits: { readonly apiKey: RateLimitSetting; readonly appUser: RateLimitSetting };
}

export const DEFAULT_RATE_LIMIT_SETTING: RateLimitSetting = { limit: 100_000, windowSeconds: 60 };
const RATE = /^(\d{1,9})\/(\d{1,6})$/;

/** Reads PUBLIC_URL, RATE_LIMIT_API_KEY and RATE_LIMIT_APP_USER, reporting every bad value at once. */
export function loadGatewayHttpConfig(env: Readonly<Record<string, string | undefined>> = process.env): GatewayHttpConfig {
  const read = new EnvReader(env);
  const publicUrl = read.optional('PUBLIC_URL')?.replace(/\/+$/, '');
  read.url('PUBLIC_URL', publicUrl);
  const rateLimits = { apiKey: rateOf(read, 'RATE_LIMIT_API_KEY'), appUser: rateOf(read, 'RATE_LIMIT_APP_USER') };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return { ...(publicUrl ? { publicUrl } : {}), rateLimits };
}

function rateOf(read: EnvReader, name: string): RateLimitSetting {
  const raw = read.optional(name);
  if (raw === undefined) return DEFAULT_RATE_LIMIT_SETTING;
  const match = RATE.exec(raw);
  const limit = Number(match?.[1]);
  const windowSeconds = Number(match?.[2]);
  if (match && limit >= 1 && windowSeconds >= 1) return { limit, windowSeconds };
  read.problems.push(`${name} must be <requests>/<seconds>, both whole numbers from 1 (e.g. 600/60), got "${raw}"`);
  return DEFAULT_RATE_LIMIT_SETTING;
}
