import path from 'node:path';
import fs from 'node:fs';
import cors from 'cors';
import express, { type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import { Histogram, type Registry } from 'prom-client';
import type { Config } from '../config';
import type { Logger } from '../shared/logger';
import { createErrorHandler, notFoundHandler } from './error-handler';

type HttpAppDeps = {
  config: Pick<Config, 'env' | 'corsOrigins' | 'webDir'>;
  log: Logger;
  registry: Registry;
  /** Routers mounted under /api. */
  apiRouters: Router[];
  /** Serves uploaded images under /uploads. */
  uploads: express.RequestHandler;
};

const PUBLIC_DIR = path.resolve(__dirname, '..', '..', 'public');

/**
 * Helmet answers `Cross-Origin-Resource-Policy: same-origin` everywhere; pictures (profile images, badges)
 * must also show on a client served from another origin, so public assets say `cross-origin`. The API keeps
 * same-origin: it is read through CORS, which this header does not concern.
 */
const crossOriginAsset: RequestHandler = (_req, res, next) => {
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  next();
};

/** CORS: the configured origins; with none configured, any origin in development and test, none in production. */
export function corsOriginOption(config: Pick<Config, 'env' | 'corsOrigins'>): string[] | boolean {
  if (config.corsOrigins.length) return config.corsOrigins;
  return config.env !== 'production';
}

/**
 * The socket handshake's origin rule: no Origin header (a non-browser client) passes; a browser's must be
 * this server's own (PUBLIC_URL) or one CORS allows. Socket.IO's `cors` option does not apply to websocket
 * upgrades, so the engine's `allowRequest` checks this.
 */
export function handshakeOriginAllowed(config: Pick<Config, 'env' | 'corsOrigins' | 'publicUrl'>): (origin: string | undefined) => boolean {
  const allowed = corsOriginOption(config);
  const own = config.publicUrl ? new URL(config.publicUrl).origin : undefined;
  return (origin) => origin === undefined || origin === own || allowed === true || (Array.isArray(allowed) && allowed.includes(origin));
}

export function createHttpApp({ config, log, registry, apiRouters, uploads }: HttpAppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');

  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.use((req, res, next) => {
    const end = duration.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? (res.statusCode === 404 ? 'unmatched' : req.baseUrl || 'static');
      end({ method: req.method, route: `${req.baseUrl}${route === req.baseUrl ? '' : route}`, status: String(res.statusCode) });
    });
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'img-src': ["'self'", 'data:', 'blob:', 'https:'],
          'media-src': ["'self'", 'blob:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
        },
      },
    }),
  );
  app.use(cors({ origin: corsOriginOption(config), credentials: false }));
  app.use(express.json({ limit: '64kb', strict: true }));

  const api = express.Router();
  for (const router of apiRouters) api.use(router);
  app.use('/api', api);
  app.use('/api', notFoundHandler);
  app.use('/uploads', crossOriginAsset, uploads);
  app.use('/badges', crossOriginAsset, express.static(path.join(PUBLIC_DIR, 'badges'), { maxAge: '1d' }));

  const webDir = config.webDir ?? path.resolve(__dirname, '..', '..', 'web', 'dist');
  if (fs.existsSync(path.join(webDir, 'index.html'))) {
    app.use(express.static(webDir, { index: 'index.html', maxAge: '1h' }));
    // The client routes in the browser (/room/12, /mypage): every other GET gets the app shell.
    app.get(/^\/(?!api\/|socket\.io\/|uploads\/).*/, (_req, res) => res.sendFile(path.join(webDir, 'index.html')));
  } else {
    app.get('/', (_req, res) => res.type('text/plain').send('with-me server is running. The web client is not built (npm run build:web).'));
  }

  app.use(notFoundHandler);
  app.use(createErrorHandler(log));
  return app;
}
