import { ERROR_STATUS, type ErrorCode } from '../../src/errors';
import { openApiPath } from '../../src/http/openapi/openapi-document';
import { catalogue, declaredRoutes } from '../support/route-catalogue';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The OpenAPI document describes every route there is, no route there is not, and each with the contract's
 * envelopes: the routes come from the source itself (declaredRoutes reads every *.router.ts) and from the
 * route catalogue the security matrix walks.
 */
type Response = { description: string; content?: Record<string, { schema?: Record<string, unknown> }> };
type Operation = { security?: Record<string, string[]>[]; parameters?: { name: string; in: string; required?: boolean }[]; responses: Record<string, Response> };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, unknown> } };

let t: TestApp;
let doc: Document;

beforeAll(async () => {
  t = await startTestApp();
  doc = (await t.http().get('/api/openapi.json').expect(200).expect('content-type', /json/)).body as Document;
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ key: `${method} ${path}`, method, path, op })));

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document with the Bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it('describes every route the source declares, and nothing else', () => {
    const declared = declaredRoutes().map((r) => `${r.method} ${openApiPath(r.pattern)}`).sort();
    expect(operations().map((o) => o.key).sort()).toEqual([...new Set(declared)]);
  });

  it('describes every route of the catalogue, with Bearer security exactly on the authenticated ones', () => {
    const byKey = new Map(operations().map((o) => [o.key, o.op]));
    for (const route of catalogue()) {
      const op = byKey.get(`${route.method} ${openApiPath(route.pattern)}`);
      expect([route.pattern, op !== undefined]).toEqual([route.pattern, true]);
      expect([route.pattern, op?.security ?? []]).toEqual([route.pattern, route.authenticated ? [{ bearerAuth: [] }] : []]);
      if (route.authenticated) expect(op?.responses['401']).toBeDefined();
    }
  });

  it.each([['path'], ['query']])('every %s parameter of a route is declared', (where) => {
    for (const { key, path, op } of operations()) {
      const declared = (op.parameters ?? []).filter((p) => p.in === where).map((p) => p.name).sort();
      if (where === 'path') expect([key, declared]).toEqual([key, [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()]);
      const route = catalogue().find((r) => `${r.method} ${openApiPath(r.pattern)}` === key);
      if (where === 'query' && route?.query) expect([key, declared]).toEqual([key, expect.arrayContaining(Object.keys(route.query))]);
    }
  });

  it('gives every route one success response and, for each error status, the error envelope with the codes of that status', () => {
    for (const { key, op } of operations()) {
      const statuses = Object.keys(op.responses).map(Number);
      expect([key, statuses.filter((s) => s < 400).length]).toEqual([key, 1]);
      for (const status of statuses.filter((s) => s >= 400)) {
        const schema = op.responses[String(status)]!.content?.['application/json']?.schema as
          | { properties: { isSuccess: { enum: unknown[] }; code: { enum: ErrorCode[] }; msg: unknown }; required: string[] }
          | undefined;
        expect([key, status, schema?.properties.isSuccess.enum]).toEqual([key, status, [false]]);
        expect(schema?.required).toEqual(expect.arrayContaining(['isSuccess', 'msg', 'code']));
        for (const code of schema?.properties.code.enum ?? []) expect([key, code, ERROR_STATUS[code]]).toEqual([key, code, status]);
      }
    }
  });
});

describe('GET /api/docs', () => {
  it('is a self-contained page naming every operation (no script, nothing fetched from another origin)', async () => {
    const res = await t.http().get('/api/docs').expect(200).expect('content-type', /text\/html/);
    const html = res.text;
    expect(html).not.toMatch(/<script|<link|<iframe|\bsrc=/i);
    expect([...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).filter((href) => !/^(#|openapi\.json$)/.test(href!))).toEqual([]);
    for (const { method, path } of operations()) expect(html).toContain(`id="${method}-${path}"`);
  });
});
