import fs from 'node:fs';
import path from 'node:path';
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { ERROR_STATUS, type ErrorCode } from '../../errors';
import { errorEnvelope, type ApiRoute } from './api-route';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

export const BEARER = 'bearerAuth';

/** `/room/:roomId/user/:userId` → `/api/room/{roomId}/user/{userId}`. */
export const openApiPath = (expressPattern: string) => `/api${expressPattern.replace(/:(\w+)/g, '{$1}')}`;

/** Every code a route can answer: its own, and those its inputs, its authentication and its store imply. */
export function errorCodesOf(route: ApiRoute): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors ?? []);
  if (route.params || route.query || route.body || route.multipart) codes.add('VALIDATION');
  if (route.body || route.multipart) codes.add('TOO_LARGE');
  if (route.auth) codes.add('UNAUTHENTICATED');
  if (route.usesStore !== false) codes.add('UNAVAILABLE');
  return [...codes];
}

function toRouteConfig(route: ApiRoute): RouteConfig {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(route)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  const responses: RouteConfig['responses'] = {
    [route.ok.status]: { description: route.ok.description, content: { [route.ok.contentType ?? 'application/json']: { schema: route.ok.schema } } },
  };
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: codes.join(', '),
      content: { 'application/json': { schema: route.errorSchemas?.[status] ?? errorEnvelope(codes) } },
    };
  }
  return {
    method: route.method,
    path: openApiPath(route.path),
    operationId: `${route.method}${route.path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_m, c?: string) => (c ?? '').toUpperCase())}`,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(route.auth ? { security: [{ [BEARER]: [] }] } : {}),
    request: {
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(route.body ? { body: { required: false, content: { 'application/json': { schema: route.body } } } } : {}),
      ...(route.multipart ? { body: { required: true, content: { 'multipart/form-data': { schema: route.multipart } } } } : {}),
    },
    responses,
  };
}

/** The OpenAPI 3.1 document of the REST API, generated from the routes' own zod schemas. */
export function buildOpenApiDocument(routes: readonly ApiRoute[], info: { version: string }): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', BEARER, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The token from POST /api/auth/local, POST /api/auth, GET /api/auth/anon or the Kakao callback (HS256).',
  });
  for (const route of routes) registry.registerPath(toRouteConfig(route));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'with-me REST API',
      version: info.version,
      description:
        'Every response is the envelope `{isSuccess, msg?, data?}`; an error is `{isSuccess:false, msg, code}` (docs/contract.md). ' +
        'The real-time part (Socket.IO) is described in docs/contract.md, not here.',
    },
    servers: [{ url: '/', description: 'this server' }],
  });
}

/** The package's version (package.json sits three levels up from both src/http/openapi and dist/http/openapi). */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
