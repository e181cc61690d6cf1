import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { type BillingGateway, typeUri } from '@billing/gateway-application';
import { type Logger, pinoOf } from '@billing/service-host';
import { randomUUID } from 'node:crypto';
import { type FastifyBaseLogger, type FastifyError, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { answerClientError } from './client-errors';
import { AccountController } from './controllers/account.controller';
import { AutoTopUpController } from './controllers/auto-top-up.controller';
import { BalanceAlertsController } from './controllers/balance-alerts.controller';
import { FinanceController } from './controllers/finance.controller';
import { ApiKeysController } from './controllers/api-keys.controller';
import { OPENAPI_DOCUMENT, type OpenApiHolder, OperationsController, REQUEST_METRICS } from './controllers/operations.controller';
import { OrdersController } from './controllers/orders.controller';
import { InvitationsController, OrganisationController, OrganisationsController } from './controllers/organisation.controller';
import { SandboxCheckoutController } from './controllers/sandbox-checkout.controller';
import { ReceiptsController } from './controllers/receipts.controller';
import { RenewalsController } from './controllers/renewals.controller';
import { SubscriptionController } from './controllers/subscription.controller';
import { TasksController } from './controllers/tasks.controller';
import { WebhookEndpointsController } from './controllers/webhook-endpoints.controller';
import { WebhooksController } from './controllers/webhooks.controller';
import { serveDashboard } from './dashboard-files';
import { AuthGuard, BILLING_GATEWAY } from './guards';
import { PROBLEM_CONTENT_TYPE, REQUEST_ID_HEADER, requestIdFrom } from './http-context';
import { acceptJsonBodiesOnly } from './json-bodies';
import { observeRequests, requestMetrics } from './observability';
import { completedDocument, DEFAULT_PUBLIC_URL, openApiConfig } from './openapi-document';
import { ProblemFilter } from './problem-filter';
import { RATE_LIMITER, RateLimitGuard } from './rate-limits/rate-limit.guard';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from './rate-limits/rate-limiter';

export interface GatewayHttpOptions {
  readonly gateway: BillingGateway;
  readonly logger: Logger;
  /** Per API key and per app user, across routes (default DEFAULT_RATE_LIMITS: generous). */
  readonly rateLimits?: RateLimits;
  /** The gateway's address as clients reach it, the OpenAPI document's server (default: where it listens, or DEFAULT_PUBLIC_URL before it does). */
  readonly publicUrl?: string;
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

@Module({})
class GatewayHttpModule {}

/** The REST gateway as a Nest application on Fastify (not listening yet). */
export async function createGatewayHttp(options: GatewayHttpOptions): Promise<NestFastifyApplication> {
  const metrics = requestMetrics(options.metricsRegistry);
  const openApi: OpenApiHolder = { document: null };
  const module: DynamicModule = {
    module: GatewayHttpModule,
    controllers: [TasksController, AccountController, OrdersController, ReceiptsController, RenewalsController, SubscriptionController, SandboxCheckoutController, ApiKeysController, OrganisationController, OrganisationsController, InvitationsController, WebhookEndpointsController, BalanceAlertsController, AutoTopUpController, WebhooksController, FinanceController, OperationsController],
    providers: [
      { provide: BILLING_GATEWAY, useValue: options.gateway },
      { provide: REQUEST_METRICS, useValue: metrics },
      { provide: OPENAPI_DOCUMENT, useValue: openApi },
      { provide: RATE_LIMITER, useValue: new RateLimiter(options.rateLimits ?? DEFAULT_RATE_LIMITS) },
      // Authentication first: the rate limit counts per caller.
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_GUARD, useClass: RateLimitGuard },
    ],
  };
  const adapter = new FastifyAdapter({
    // Fastify's own lines through the same pino; its per-request lines are ours (observeRequests), and the request id and trace id come from the log context, so no child logger per request.
    loggerInstance: pinoOf(options.logger),
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: (logger: FastifyBaseLogger) => logger,
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
  openApi.document = completedDocument(SwaggerModule.createDocument(app, openApiConfig(options.publicUrl ?? DEFAULT_PUBLIC_URL)));
  return app;
}

/** Builds and starts the REST gateway on `port` (0: any free port). */
export async function startGatewayHttp(options: GatewayHttpOptions & { readonly port: number; readonly host?: string }): Promise<RunningGatewayHttp> {
  const app = await createGatewayHttp(options);
  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  const address = app.getHttpServer().address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  // Without a configured public URL, the document names where the gateway does listen (PORT=0 picks the port only now).
  const openApi = app.get<OpenApiHolder>(OPENAPI_DOCUMENT);
  if (!options.publicUrl && openApi.document) openApi.document = { ...openApi.document, servers: [{ url, description: 'The billing gateway' }] };
  return { app, url, port: address.port, close: () => app.close() };
}
