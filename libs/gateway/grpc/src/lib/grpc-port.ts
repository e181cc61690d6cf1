import { DEFAULT_GRPC_PORT } from './billing-grpc-server';

/** `GRPC_PORT` from the environment (default 50051; 0 for any free port). */
export function grpcPortFrom(env: Readonly<Record<string, string | undefined>>): number {
  const text = env['GRPC_PORT'];
  if (text === undefined || text.trim() === '') return DEFAULT_GRPC_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`GRPC_PORT must be a port number (0-65535), got ${JSON.stringify(text)}`);
  return port;
}
