import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { Registry } from 'prom-client';
import { AppError, invalidToken, missingToken } from '../errors';
import { sendError, sendOk } from '../http/respond';

export type ReadinessCheck = { name: string; check: () => Promise<void> };

type OpsRouterDeps = {
  checks: ReadinessCheck[];
  registry: Registry;
  /** METRICS_TOKEN: /metrics answers only a request bearing it, and 404 while it is unset. */
  metricsToken?: string;
  /** False once a graceful stop has begun, so a load balancer stops sending new work. */
  isAccepting: () => boolean;
};

export function createOpsRouter({ checks, registry, metricsToken, isAccepting }: OpsRouterDeps): Router {
  const router = Router();

  router.get('/health', (_req, res) => sendOk(res, 200, { status: 'ok' }));

  router.get('/ready', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
    const status = Object.fromEntries(results);
    const ready = isAccepting() && results.every(([, s]) => s === 'ok');
    if (ready) return sendOk(res, 200, { status: 'ready', checks: status });
    sendError(res, new AppError('UNAVAILABLE', isAccepting() ? 'A database is unreachable' : 'Shutting down'), { data: { checks: status } });
  });

  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  const expected = metricsToken === undefined ? undefined : digest(metricsToken);
  router.get('/metrics', async (req, res) => {
    // Metrics name routes, counts and process internals: nobody's business without the operator's token.
    if (!expected) throw new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}`);
    const header = req.get('authorization');
    if (!header) throw missingToken();
    if (!timingSafeEqual(digest(header.replace(/^Bearer /, '')), expected)) throw invalidToken();
    res.setHeader('content-type', registry.contentType);
    res.send(await registry.metrics());
  });

  return router;
}

