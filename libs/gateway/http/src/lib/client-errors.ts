import { typeUri } from '@billing/gateway-application';
import type { ConnectionError } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE } from './http-context';

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a header value with a
 * control character, headers too large, a request too slow) are answered as problems too,
 * on the socket as Fastify's own handler would. A bad header value is named.
 */
export function answerClientError(error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, type, title] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request-timeout', 'The request took too long']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers-too-large', 'The headers are too large']
        : [400, 'validation', 'The request is not valid'];
  const header = status === 400 ? badHeaderOf(error) : null;
  const message = header ? 'must not hold control characters' : 'the request could not be read as HTTP';
  const detail = header ? `${header}: ${message}` : message;
  const problem = { type: typeUri(type), title, status, detail, ...(status === 400 ? { errors: [header ? { header, message } : { field: '', message }] } : {}) };
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/** The header whose value the parser stopped in (`Idempotency-Key`), or null. */
function badHeaderOf(error: ConnectionError): string | null {
  // Fastify's type says otherwise, but Node gives the packet as a Buffer.
  const packet: unknown = error.rawPacket;
  if (error.code !== 'HPE_INVALID_HEADER_TOKEN' || !Buffer.isBuffer(packet) || typeof error.bytesParsed !== 'number') return null;
  const read = packet.subarray(0, error.bytesParsed).toString('latin1');
  const line = read.slice(read.lastIndexOf('\n') + 1);
  const colon = line.indexOf(':');
  if (colon <= 0) return null;
  return line
    .slice(0, colon)
    .trim()
    .toLowerCase()
    .replace(/(^|-)([a-z])/g, (_all, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);
}
