import { z } from 'zod';
import { errorEnvelope, okEnvelope, type ApiRoute } from '../http/openapi/api-route';

const Checks = z.record(z.string(), z.enum(['ok', 'down'])).describe('sql, and mongo and redis when configured');

export const opsApiRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/health',
    tag: 'operations',
    summary: 'Liveness',
    auth: false,
    usesStore: false,
    ok: { status: 200, description: 'The process answers', schema: okEnvelope(z.strictObject({ status: z.literal('ok') })) },
  },
  {
    method: 'get',
    path: '/ready',
    tag: 'operations',
    summary: 'Readiness: every database reachable and not shutting down',
    auth: false,
    ok: { status: 200, description: 'Ready', schema: okEnvelope(z.strictObject({ status: z.literal('ready'), checks: Checks })) },
    errorSchemas: { 503: errorEnvelope(['UNAVAILABLE'], { data: z.strictObject({ checks: Checks }) }) },
  },
  {
    method: 'get',
    path: '/metrics',
    tag: 'operations',
    summary: 'Prometheus metrics (text exposition format)',
    auth: false,
    usesStore: false,
    ok: { status: 200, description: 'Metrics', schema: z.string(), contentType: 'text/plain' },
  },
];
