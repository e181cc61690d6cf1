import type { FastifyInstance } from 'fastify';
import type { GatewayRequest } from './http-context';

/**
 * Bodies are JSON, nothing else: a form, text or a body without a media type is refused
 * with 415 before any handler reads it (Nest would parse forms, Fastify text). The raw
 * bytes stay on the request, for the webhooks whose signature is over them.
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    (request as GatewayRequest).rawBody = body as Buffer;
    // Typed for text, the parser reads a Buffer as well (as Nest's own JSON parser uses it).
    parseJson(request, body as string, done);
  });
}
