import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';
import { type GatewayHttpConfig, loadGatewayHttpConfig } from './gateway-http-config';
import { loadPlatformConfig, type PlatformConfig } from './platform-config';

/** How app users' tokens are verified: a shared HS256 secret or an identity provider's JWKS. */
export type GatewayTokens = { readonly jwtSecret: string } | { readonly jwksUrl: string };

/** The distributed gateway process: the platform's variables plus its ports and how tokens are verified. */
export interface GatewayConfig {
  readonly platform: PlatformConfig;
  readonly port: number;
  readonly host: string;
  readonly grpcPort: number;
  readonly tokens: GatewayTokens;
  readonly http: GatewayHttpConfig;
}

/**
 * Reads and validates the gateway process's variables, reporting every problem at once
 * (with the platform's): TRANSPORT must be kafka, PORT (default 3000), GRPC_PORT (default 50051; 0 picks a free
 * port), HOST, and JWT_SECRET or JWT_JWKS_URL, one of which is required: a distributed
 * gateway has no embedded secret to fall back on.
 */
export function loadGatewayConfig(env: Readonly<Record<string, string | undefined>> = process.env): GatewayConfig {
  const problems: string[] = [];
  let platform: PlatformConfig | undefined;
  try {
    platform = loadPlatformConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  let http: GatewayHttpConfig | undefined;
  try {
    http = loadGatewayHttpConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const read = new EnvReader(env);
  const port = read.integer('PORT', 0, 65_535, 3000);
  const grpcPort = read.integer('GRPC_PORT', 0, 65_535, 50051);
  const host = read.string('HOST', '0.0.0.0');
  const jwtSecret = read.optional('JWT_SECRET');
  const jwksUrl = read.optional('JWT_JWKS_URL');
  read.url('JWT_JWKS_URL', jwksUrl);
  if (jwtSecret !== undefined && jwksUrl !== undefined) read.problems.push('JWT_SECRET and JWT_JWKS_URL are both set: set one of them');
  if (jwtSecret === undefined && jwksUrl === undefined) {
    read.problems.push('JWT_SECRET or JWT_JWKS_URL is required: the distributed gateway verifies app users with a shared secret or a JWKS URL');
  }
  if (jwtSecret !== undefined && jwtSecret.length < 32) read.problems.push(`JWT_SECRET must be at least 32 characters, got ${jwtSecret.length}`);
  if (platform !== undefined && platform.transport !== 'kafka') {
    read.problems.push('TRANSPORT must be kafka for the gateway process: it reaches the services over Kafka (npm start runs the embedded platform with its own gateway)');
  }
  // PORT and HOST are the platform's too (its links point at the gateway): each problem once.
  problems.push(...read.problems.filter((problem) => !problems.includes(problem)));
  if (problems.length > 0 || platform === undefined || http === undefined) throw new ConfigError(problems);
  return { platform, http, port, host, grpcPort, tokens: jwksUrl !== undefined ? { jwksUrl } : { jwtSecret: jwtSecret ?? '' } };
}
