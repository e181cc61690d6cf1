import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Served by the gateway at /dashboard (libs/gateway/http dashboard-files.ts) from dist/.
export default defineConfig({
  root,
  base: '/dashboard/',
  plugins: [react()],
  // The SDK from its sources, as the workspace's path alias reads it (tsconfig.json).
  resolve: { alias: { '@billing/sdk': fileURLToPath(new URL('../../libs/sdk/src/index.ts', import.meta.url)) } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  logLevel: 'warn',
});
