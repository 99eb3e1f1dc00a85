import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { demoBackendFromEnv, demoBackendPlugin } from './backends';

/**
 * The demo: the composed UserAdmin screen. By default on the REST adapter over the reference
 * backend in the page (MSW's worker); with `DEMO_BACKEND=better-auth` or `scim` (or
 * `npm run demo -- --backend <name>`), on that adapter over a real server mounted in this dev server.
 */
export default defineConfig(() => {
  const backend = demoBackendFromEnv();
  return {
    root: fileURLToPath(new URL('.', import.meta.url)),
    publicDir: fileURLToPath(new URL('../public', import.meta.url)),
    plugins: [react(), demoBackendPlugin(backend)],
    server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173), open: false },
    preview: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4173) },
    build: { outDir: fileURLToPath(new URL('../dist-demo', import.meta.url)), emptyOutDir: true },
  };
});
