import { defineConfig } from 'vitest/config';

// The dev server proxies the API to a local ebill-api (EBILL_API overrides).
const api = process.env.EBILL_API ?? 'http://127.0.0.1:9136';
const paths = ['/data', '/kpi', '/period_kpi', '/recharge_history', '/fetch', '/devices', '/export', '/healthz', '/readyz', '/auth', '/shares', '/s/'];

export default defineConfig({
  build: {
    outDir: 'dist', target: 'es2020', assetsInlineLimit: 0, chunkSizeWarningLimit: 700,
    // The dashboard, and the admin's sign-in page (ACCESS_MODE private/shared).
    rollupOptions: { input: { main: 'index.html', signin: 'signin.html' } },
  },
  server: { host: '127.0.0.1', proxy: Object.fromEntries(paths.map((p) => [p, { target: api, changeOrigin: true }])) },
  preview: { host: '127.0.0.1', proxy: Object.fromEntries(paths.map((p) => [p, { target: api, changeOrigin: true }])) },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
