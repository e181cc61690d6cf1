import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ThrottlerModule } from '@nestjs/throttler';
import { type BillingGateway, typeUri } from '@billing/gateway-application';
import type { Logger } from '@billing/service-host';
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { answerClientError } from './client-errors';
import { AccountController } from './controllers/account.controller';
import { FinanceController } from './controllers/finance.controller';
import { ApiKeysController } from './controllers/api-keys.controller';
import { OPENAPI_DOCUMENT, type OpenApiHolder, OperationsController, REQUEST_METRICS } from './controllers/operations.controller';
import { OrdersController } from './controllers/orders.controller';
import { SandboxCheckoutController } from './controllers/sandbox-checkout.controller';
import { SubscriptionController } from './controllers/subscription.controller';
import { TasksController } from './controllers/tasks.controller';
import { WebhooksController } from './controllers/webhooks.controller';
import { serveDashboard } from './dashboard-files';
import { AuthGuard, BILLING_GATEWAY, CallerThrottlerGuard } from './guards';
import { PROBLEM_CONTENT_TYPE, REQUEST_ID_HEADER, requestIdFrom } from './http-context';
import { acceptJsonBodiesOnly } from './json-bodies';
import { observeRequests, requestMetrics } from './observability';
import { ProblemFilter } from './problem-filter';

export interface GatewayHttpOptions {
  readonly gateway: BillingGateway;
  readonly logger: Logger;
  /** Per API key and per app user, across routes (default 100,000 per minute: generous). */
  readonly rateLimit?: { readonly limit: number; readonly ttlMillis: number };
  /** One JSON log line per request (default true). */
  readonly logRequests?: boolean;
  readonly metricsRegistry?: Registry;
  /** Largest request body in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
  /** The built dashboard (apps/dashboard/dist), served at /dashboard; absent: /dashboard says how to build it. */
  readonly dashboardDir?: string;
}

export interface RunningGatewayHttp {
  readonly app: NestFastifyApplication;
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export const DEFAULT_RATE_LIMIT = { limit: 100_000, ttlMillis: 60_000 } as const;

@Module({})
class GatewayHttpModule {}

/** The REST gateway as a Nest application on Fastify (not listening yet). */
export async function createGatewayHttp(options: GatewayHttpOptions): Promise<NestFastifyApplication> {
  const metrics = requestMetrics(options.metricsRegistry);
  const openApi: OpenApiHolder = { document: null };
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const module: DynamicModule = {
    module: GatewayHttpModule,
    imports: [ThrottlerModule.forRoot({ throttlers: [{ name: 'default', limit: rateLimit.limit, ttl: rateLimit.ttlMillis }] })],
    controllers: [TasksController, AccountController, OrdersController, SubscriptionController, SandboxCheckoutController, ApiKeysController, WebhooksController, FinanceController, OperationsController],
    providers: [
      { provide: BILLING_GATEWAY, useValue: options.gateway },
      { provide: REQUEST_METRICS, useValue: metrics },
      { provide: OPENAPI_DOCUMENT, useValue: openApi },
      // Authentication first: the rate limit counts per caller.
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_GUARD, useClass: CallerThrottlerGuard },
    ],
  };
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Ids may be up to 200 characters; longer path parameters are answered 414.
    routerOptions: { maxParamLength: 256 },
    // Errors the router meets before any route (a bad URL, a too long parameter) are problems too.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const status = typeof error.statusCode === 'number' ? error.statusCode : 400;
      const problem = { type: typeUri(status === 414 ? 'uri-too-long' : 'validation'), title: status === 414 ? 'The URI is too long' : 'The URL is not valid', status, detail: error.message };
      void reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(status === 400 ? { ...problem, errors: [{ field: '', message: error.message }] } : problem));
    },
    // And those Node's HTTP parser meets before the router (a control character in a header).
    clientErrorHandler: answerClientError,
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers[REQUEST_ID_HEADER], randomUUID),
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { logger: false, bodyParser: false, abortOnError: false });
  acceptJsonBodiesOnly(app.getHttpAdapter().getInstance());
  app.useGlobalFilters(new ProblemFilter(options.logger));
  observeRequests(app.getHttpAdapter().getInstance(), metrics, options.logger, options.logRequests ?? true);
  serveDashboard(app.getHttpAdapter().getInstance(), options.dashboardDir ?? null);
  openApi.document = SwaggerModule.createDocument(app, openApiConfig());
  return app;
}

/** Builds and starts the REST gateway on `port` (0: any free port). */
export async function startGatewayHttp(options: GatewayHttpOptions & { readonly port: number; readonly host?: string }): Promise<RunningGatewayHttp> {
  const app = await createGatewayHttp(options);
  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  const address = app.getHttpServer().address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  return { app, url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`, port: address.port, close: () => app.close() };
}

function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('Credits billing API')
    .setDescription(
      'Credits for AI video generation. Authenticate with `Authorization: Bearer <API key or token>`: an API key draws on the API pool, ' +
        'a signed-in app user (JWT) on the App pool. Credits are numbers with at most three decimals; money is integer cents with a currency. ' +
        'Every error is RFC 9457 problem details (`application/problem+json`) with a stable `type`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (bk_...) or an app user’s JWT' })
    .build();
}
