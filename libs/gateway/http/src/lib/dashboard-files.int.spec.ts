import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDashboard } from './dashboard-files';

describe('serving the built dashboard at /dashboard', () => {
  let dir: string;
  let fastify: FastifyInstance;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dashboard-files-'));
    mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>dashboard</title>');
    writeFileSync(join(dir, 'dist', 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(dir, 'dist', 'assets', 'index-abc.css'), 'body{}');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    fastify = Fastify();
  });
  afterEach(async () => {
    await fastify.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a build, then files carry their content type, hashed assets are cached, and client routes fall back to index.html', async () => {
    serveDashboard(fastify, join(dir, 'dist'));
    const js = await fastify.inject({ url: '/dashboard/assets/index-abc.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await fastify.inject({ url: '/dashboard/assets/index-abc.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    for (const url of ['/dashboard', '/dashboard/', '/dashboard/checkout/order_1', '/dashboard/usage?from=2026-01-01']) {
      const page = await fastify.inject({ url });
      expect({ url, status: page.statusCode, type: page.headers['content-type'], body: page.body }).toEqual({ url, status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html><title>dashboard</title>' });
    }
  });

  it('given a missing asset or a path climbing out of the build, then it is not found; given an undecodable path, then it is a bad request', async () => {
    serveDashboard(fastify, join(dir, 'dist'));
    expect((await fastify.inject({ url: '/dashboard/assets/missing.js' })).statusCode).toBe(404);
    expect((await fastify.inject({ url: '/dashboard/..%2Fsecret.txt' })).statusCode).toBe(404);
    expect((await fastify.inject({ url: '/dashboard/assets/%2E%2E/%2E%2E/secret.txt' })).statusCode).toBe(404);
    // A URL that does not decode never reaches a file: the router refuses it first.
    expect((await fastify.inject({ url: '/dashboard/%E0%A4%A' })).statusCode).toBe(400);
  });

  it('given no build, then /dashboard says how to build it', async () => {
    serveDashboard(fastify, join(dir, 'nowhere'));
    const page = await fastify.inject({ url: '/dashboard/keys' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('npm run build:dashboard');
  });
});
