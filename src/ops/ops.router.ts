import { Router } from 'express';
import type { Registry } from 'prom-client';
import { AppError } from '../errors';
import { sendError, sendOk } from '../http/respond';

export type ReadinessCheck = { name: string; check: () => Promise<void> };

type OpsRouterDeps = {
  checks: ReadinessCheck[];
  registry: Registry;
  /** False once a graceful stop has begun, so a load balancer stops sending new work. */
  isAccepting: () => boolean;
};

export function createOpsRouter({ checks, registry, isAccepting }: OpsRouterDeps): Router {
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

  router.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', registry.contentType);
    res.send(await registry.metrics());
  });

  return router;
}

