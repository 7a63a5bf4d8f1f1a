import { Router } from 'express';
import { z } from 'zod';
import type { ApiRoute } from './api-route';
import { renderDocsPage } from './docs-page';
import type { OpenApiDocument } from './openapi-document';

/** The document's own two routes, described like every other. */
export const openApiRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'docs',
    summary: 'This OpenAPI 3.1 document',
    auth: false,
    usesStore: false,
    ok: { status: 200, description: 'The document', schema: z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }) },
  },
  {
    method: 'get',
    path: '/docs',
    tag: 'docs',
    summary: 'A readable reference of this document (self-contained HTML, no script, no CDN)',
    auth: false,
    usesStore: false,
    ok: { status: 200, description: 'The reference page', schema: z.string(), contentType: 'text/html' },
  },
];

/** Serves the document and its reference page; both are built once, at start. */
export function createOpenApiRouter(document: OpenApiDocument): Router {
  const router = Router();
  const page = renderDocsPage(document);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(page);
  });
  return router;
}
