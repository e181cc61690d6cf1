import { loadPlatformConfig } from '@billing/platform-config';
import { openFrontDoor } from '../src/runtime/front-door';
import { PlatformRuntime } from '../src/runtime/platform-runtime';
import { START_ORDER } from '../src/runtime/service-catalog';
import type { LogSink, Logger } from '@billing/service-host';

export interface EmbeddedGatewayOptions {
  readonly dir: string;
  readonly jwtSecret: string;
  /** Where the services' log lines go. */
  readonly logSink: LogSink;
  readonly logger: Logger;
  readonly port?: number;
  readonly logRequests?: boolean;
  /** RATE_LIMIT_API_KEY and RATE_LIMIT_APP_USER (`<requests>/<seconds>`), both this one. */
  readonly rateLimit?: string;
}

export interface EmbeddedGateway {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * What `npm start` runs, in this process: the platform runtime (every service, the
 * in-process bus, stores under `dir`) and its front door on loopback, for the benchmark
 * and the fuzzer. Using the same composition keeps their figures about the real thing.
 */
export async function startEmbeddedGateway(options: EmbeddedGatewayOptions): Promise<EmbeddedGateway> {
  const config = loadPlatformConfig({ DATA_DIR: options.dir, LOG_LEVEL: 'warn' });
  const runtime = new PlatformRuntime({ config, services: START_ORDER, logSink: options.logSink });
  await runtime.start();
  try {
    const door = await openFrontDoor(
      runtime,
      {
        PORT: String(options.port ?? 0),
        GRPC_PORT: '0',
        HOST: '127.0.0.1',
        JWT_SECRET: options.jwtSecret,
        ...(options.rateLimit ? { RATE_LIMIT_API_KEY: options.rateLimit, RATE_LIMIT_APP_USER: options.rateLimit } : {}),
      },
      { logger: options.logger, logRequests: options.logRequests ?? false },
    );
    return {
      url: door.http.url,
      stop: async () => {
        await door.close();
        await runtime.stop();
      },
    };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
