import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';

/** Where the web app is served. */
export const WEB_APP_PATH = '/app';

/**
 * The built web app (`npm run build` writes it to dist/apps/web): found from the repository root,
 * so that the compiled server and the tests that run the sources serve the same build.
 */
export function webAppDir(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'apps', 'web');
}

/**
 * The app's pages may load only the app's own scripts and styles and talk only to this server; no
 * page may frame them, and no address of a case leaves in a Referer.
 */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

/**
 * Serves the web app at /app: hashed assets under /app/assets (cached for good), and the page itself
 * for every other address under /app (the app routes in the browser). The app holds no data and no
 * access rule of its own: everything it shows comes from the API with the user's key.
 */
export async function serveWebApp(app: NestFastifyApplication, dir = webAppDir()): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    // A checkout that was not built: say so instead of a bare 404.
    fastify.get(`${WEB_APP_PATH}*`, async (_request, reply) =>
      reply
        .status(503)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send({ type: 'https://zicht.invalid/problems/web-app-not-built', title: 'Service Unavailable', status: 503, detail: 'The web app is not built; run npm run build.' }),
    );
    return;
  }
  const page = readFileSync(indexFile);
  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: `${WEB_APP_PATH}/assets/`,
    immutable: true,
    maxAge: '365d',
    index: false,
    setHeaders: (reply) => void reply.header('X-Content-Type-Options', 'nosniff'),
  });
  const sendPage = async (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.headers({ ...PAGE_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' }).send(page);
  fastify.get(WEB_APP_PATH, sendPage);
  fastify.get(`${WEB_APP_PATH}/*`, sendPage);
}
