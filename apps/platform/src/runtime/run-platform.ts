import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadPlatformConfig, type PlatformConfig, SERVICE_NAMES, type ServiceName } from '@billing/platform-config';
import type { PlatformRuntime } from './platform-runtime';
import { PLATFORM_RUNTIME, ServiceHostModule } from './nest/service-host.module';

export type ServicesToRun = readonly ServiceName[] | 'from-env';

/**
 * A platform process: reads and checks its configuration (a bad value stops it with a
 * message naming the variable, exit code 2), starts its services in a NestJS
 * application context, prints what runs and where, and stops everything on SIGTERM/SIGINT.
 */
export async function runPlatform(title: string, services: ServicesToRun, env: NodeJS.ProcessEnv = process.env): Promise<PlatformRuntime> {
  let config: PlatformConfig;
  try {
    config = loadPlatformConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${title}: ${error.message}\n`);
    process.exit(2);
  }
  const names = services === 'from-env' ? serviceFromEnv(config, title) : services;
  const app = await NestFactory.createApplicationContext(ServiceHostModule.forServices(config, names), { logger: ['error', 'warn'] });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  const runtime = app.get<PlatformRuntime>(PLATFORM_RUNTIME);
  const lines = [`${title} running: ${names.join(', ')} (pid ${process.pid})`, `data: ${runtime.dataDir}`, ...runtime.describe()];
  process.stdout.write(`${lines.join('\n')}\n`);
  return runtime;
}

function serviceFromEnv(config: PlatformConfig, title: string): ServiceName[] {
  if (config.service) return [config.service];
  process.stderr.write(`${title}: SERVICE is required (one of ${SERVICE_NAMES.join(', ')})\n`);
  process.exit(2);
}
