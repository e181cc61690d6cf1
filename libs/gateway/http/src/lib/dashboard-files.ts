import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** Where the dashboard is served: the built single-page app of `apps/dashboard`. */
export const DASHBOARD_PATH = '/dashboard';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dashboard not built</title></head>
<body><main><h1>The dashboard is not built</h1><p>Run <code>npm run build:dashboard</code> (or <code>npm start</code>, which builds it), then reload.</p></main></body></html>`;

/**
 * Serves the built dashboard under /dashboard from `dir` (@fastify/static is not a
 * dependency): files with their content type, hashed assets cached for a year, and any
 * other path without an extension answered with index.html so client routes survive a reload.
 * Paths that climb out of `dir` are not found.
 */
export function serveDashboard(fastify: FastifyInstance, dir: string | null): void {
  const root = dir ? resolve(dir) : null;
  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const index = root ? join(root, 'index.html') : null;
    if (!root || !index || !existsSync(index)) {
      await reply.status(503).header('content-type', CONTENT_TYPES['.html']).header('cache-control', 'no-cache').send(NOT_BUILT);
      return;
    }
    const wanted = decodedPath(request.url);
    const file = wanted === null ? null : fileUnder(root, wanted);
    if (file) {
      const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      const immutable = wanted?.startsWith('assets/') === true;
      await reply.header('content-type', type).header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').send(readFileSync(file));
      return;
    }
    if (wanted === null || extname(wanted) !== '') {
      await reply.status(404).header('content-type', CONTENT_TYPES['.txt']).send('not found');
      return;
    }
    await reply.header('content-type', CONTENT_TYPES['.html']).header('cache-control', 'no-cache').send(readFileSync(index));
  };
  fastify.get(DASHBOARD_PATH, handler);
  fastify.get(`${DASHBOARD_PATH}/*`, handler);
}

/** The path after /dashboard/, decoded; null when it cannot be decoded. */
function decodedPath(url: string): string | null {
  const path = url.split('?')[0]?.slice(DASHBOARD_PATH.length).replace(/^\/+/, '') ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

function fileUnder(root: string, relative: string): string | null {
  if (relative === '' || relative.includes('\u0000')) return null;
  const path = resolve(root, normalize(relative));
  if (!path.startsWith(root + sep)) return null;
  return existsSync(path) && statSync(path).isFile() ? path : null;
}
