import { Controller, Get, Header, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type BillingGateway, gatewayProblems } from '@billing/gateway-application';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApiProblems } from '../api-docs';
import { LiveDto, ReadyDto } from '../dto/responses';
import { BILLING_GATEWAY, Public } from '../guards';
import type { RequestMetrics } from '../observability';

export const REQUEST_METRICS = Symbol('RequestMetrics');
export const OPENAPI_DOCUMENT = Symbol('OpenApiDocument');

/** Filled in once the application is built (the document describes the routes). */
export interface OpenApiHolder {
  document: object | null;
}

const SWAGGER_FILES: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Billing API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"><link rel="icon" href="/docs/favicon-32x32.png"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script><script src="/docs/swagger-ui-standalone-preset.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });</script>
</body></html>`;

/** Health, metrics and the API's own description. Swagger UI is served from `swagger-ui-dist` (no @fastify/static here). */
@ApiTags('operations')
@Public()
@Controller()
export class OperationsController {
  private readonly swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));
  private readonly files = new Map<string, Buffer>();

  constructor(
    @Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway,
    @Inject(REQUEST_METRICS) private readonly metrics: RequestMetrics,
    @Inject(OPENAPI_DOCUMENT) private readonly openApi: OpenApiHolder,
  ) {}

  @Get('health/live')
  @ApiOperation({
    summary: 'The process is up',
    description:
      'Liveness: answers 200 while the process runs, whatever the services behind it.',
  })
  @ApiResponse({ status: 200, type: LiveDto })
  live(): LiveDto {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @ApiOperation({
    summary: 'Every service answers; 503 when one does not',
    description:
      'Readiness: 200 when every service behind the gateway answers, 503 with the ones that do not.',
  })
  @ApiResponse({ status: 200, type: ReadyDto })
  @ApiResponse({ status: 503, type: ReadyDto })
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const readiness = await this.gateway.readiness({ requestId: randomUUID() });
    const body: ReadyDto = { ready: readiness.ready, services: { ...readiness.services } };
    await reply.status(readiness.ready ? 200 : 503).send(body);
  }

  @Get('metrics')
  @ApiOperation({
    summary: 'Prometheus metrics (requests and durations by route and status)',
    description:
      'Prometheus text format: request counts and durations by route and status, and the process’s own metrics.',
  })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } })
  async prometheus(@Res() reply: FastifyReply): Promise<void> {
    const text = await this.metrics.registry.metrics();
    await reply.header('content-type', this.metrics.registry.contentType).send(text);
  }

  @Get('openapi.json')
  @ApiExcludeEndpoint()
  @Header('cache-control', 'no-cache')
  openapi(): object {
    return this.openApi.document ?? {};
  }

  @Get('docs')
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/html; charset=utf-8')
  docs(): string {
    return DOCS_PAGE;
  }

  @Get('docs/:file')
  @ApiExcludeEndpoint()
  @ApiProblems(404)
  async asset(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const type = SWAGGER_FILES[file];
    if (!type) throw gatewayProblems.notFound('File', JSON.stringify(file.slice(0, 40)));
    let body = this.files.get(file);
    if (!body) {
      body = readFileSync(join(this.swaggerDir, file));
      this.files.set(file, body);
    }
    await reply.header('content-type', type).header('cache-control', 'public, max-age=86400').send(body);
  }
}
