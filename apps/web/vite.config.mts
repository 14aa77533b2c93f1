import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The API paths the app calls, for `vite` in development (proxied to a server on port 3000). */
const API = ['/me', '/cases', '/worklist', '/access-log', '/analytics', '/afwegingskaders', '/health'];

// The web app is served by the platform at /app; `npm run build` writes it to dist/apps/web.
export default defineConfig({
  root: here,
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 200,
  },
  server: { proxy: Object.fromEntries(API.map((path) => [path, 'http://127.0.0.1:3000'])) },
});
