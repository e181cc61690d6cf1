import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { type ProblemDocument, problemDocumentOf, typeUri } from '@billing/gateway-application';
import type { Logger } from '@billing/service-host';
import type { FastifyReply } from 'fastify';
import { type GatewayRequest, PROBLEM_CONTENT_TYPE } from './http-context';
import { problemHeaders } from './problem-headers';

const TYPE_BY_STATUS: Readonly<Record<number, [string, string]>> = {
  400: ['validation', 'The request is not valid'],
  401: ['unauthorized', 'Not authenticated'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'The body is too large'],
  414: ['uri-too-long', 'The URI is too long'],
  415: ['unsupported-media-type', 'Send JSON (application/json)'],
  422: ['unprocessable', 'Unprocessable request'],
  429: ['rate-limited', 'Too many requests'],
};

/**
 * Every error leaves as RFC 9457 problem details (`application/problem+json`): the
 * services' and the gateway's refusals as they are, the framework's own (a route that
 * does not exist, unreadable JSON, a body too large) mapped by status, anything else 500.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<GatewayRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.problemOf(exception, request);
    if (problem.status >= 500) this.logger.error('request failed', { requestId: request.id, url: request.url, error: exception });
    void reply.headers(problemHeaders(problem, request));
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private problemOf(exception: unknown, request: GatewayRequest): ProblemDocument {
    const instance = request.url.split('?')[0];
    const status = exception instanceof HttpException ? exception.getStatus() : frameworkStatus(exception);
    if (status === 415) return byStatus(status, `send the body as application/json, not ${request.headers['content-type'] ?? 'without a Content-Type'}`, instance);
    if (exception instanceof HttpException) return byStatus(exception.getStatus(), exception.message, instance);
    if (status !== null) return byStatus(status, exception instanceof Error ? exception.message : 'the request is not valid', instance);
    return problemDocumentOf(exception, instance);
  }
}

function byStatus(status: number, detail: string, instance: string | undefined): ProblemDocument {
  const [type, title] = TYPE_BY_STATUS[status] ?? (status >= 500 ? ['internal', 'Internal error'] : ['bad-request', 'Bad request']);
  const members = status === 400 ? { errors: [{ field: '', message: detail }] } : {};
  return { type: typeUri(type), title, status, detail, ...(instance ? { instance } : {}), ...members };
}

/** Fastify's own errors (unparseable JSON, body too large, wrong media type) carry a 4xx statusCode. */
function frameworkStatus(exception: unknown): number | null {
  if (typeof exception !== 'object' || exception === null || !('statusCode' in exception)) return null;
  const status = exception.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}
