import { type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { PlatformConfig, ServiceName } from '@billing/platform-config';
import { PlatformRuntime, type PlatformRuntimeOptions } from '../platform-runtime';

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const PLATFORM_RUNTIME = Symbol('PLATFORM_RUNTIME');

/** Starts the services when the application has bootstrapped, stops them on shutdown (SIGTERM, SIGINT). */
@Injectable()
export class PlatformLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(PLATFORM_RUNTIME) private readonly runtime: PlatformRuntime) {}

  onApplicationBootstrap(): Promise<void> {
    return this.runtime.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.runtime.stop();
  }
}

/**
 * The services of a process as a NestJS module. Every provider is injected by its token
 * (`@Inject`), never by emitted type metadata, so it runs under tsx/esbuild as it is.
 */
@Module({})
export class ServiceHostModule {
  static forServices(config: PlatformConfig, services: readonly ServiceName[], options: Omit<PlatformRuntimeOptions, 'config' | 'services'> = {}): DynamicModule {
    return {
      module: ServiceHostModule,
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        { provide: PLATFORM_RUNTIME, useFactory: (c: PlatformConfig) => new PlatformRuntime({ ...options, config: c, services }), inject: [PLATFORM_CONFIG] },
        PlatformLifecycle,
      ],
      exports: [PLATFORM_CONFIG, PLATFORM_RUNTIME],
    };
  }
}
