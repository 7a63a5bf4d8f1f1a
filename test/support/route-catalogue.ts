import fs from 'node:fs';
import path from 'node:path';

export type Method = 'get' | 'post' | 'patch' | 'delete';

/** One REST route as the reliability tests see it. */
export type RouteSpec = {
  method: Method;
  /** The Express pattern under /api, e.g. `/room/:roomId/user/:userId`. */
  pattern: string;
  /** Behind requireUser. */
  authenticated: boolean;
  /** Acts on the path's `:userId`, which must be the token's own user (else 403). */
  selfOnly?: true;
  adminOnly?: true;
  /** A body that would be valid for the route's owner, the starting point for fuzzed bodies. */
  body?: Record<string, unknown>;
  /** Query parameters the route reads. */
  query?: Record<string, string>;
};

/** Every route of the API. `declaredRoutes` below makes sure a new route cannot be forgotten here. */
export const ROUTES: RouteSpec[] = [
  { method: 'post', pattern: '/auth/local', authenticated: false, body: { origin: 'fuzz@example.com', nickname: 'fuzzer', pwd: 'Plum-Harbor-72' } },
  { method: 'post', pattern: '/auth', authenticated: false, body: { origin: 'fuzz@example.com', pwd: 'Plum-Harbor-72' } },
  { method: 'get', pattern: '/auth/anon', authenticated: false },
  { method: 'get', pattern: '/auth/kakao/callback', authenticated: false, query: { code: 'abc' } },
  { method: 'delete', pattern: '/auth/:type', authenticated: true },
  { method: 'get', pattern: '/health', authenticated: false },
  { method: 'get', pattern: '/ready', authenticated: false },
  { method: 'get', pattern: '/metrics', authenticated: false },
  { method: 'get', pattern: '/categories', authenticated: false },
  { method: 'get', pattern: '/badges', authenticated: false },
  { method: 'get', pattern: '/user/me', authenticated: true },
  { method: 'get', pattern: '/user/:userId/badges', authenticated: true },
  { method: 'patch', pattern: '/user/:userId/profile/img', authenticated: true, selfOnly: true, body: { profileImg: 'https://example.com/a.png' } },
  { method: 'patch', pattern: '/user/:userId/profile/nickname', authenticated: true, selfOnly: true, body: { nickname: 'newnick' } },
  { method: 'patch', pattern: '/user/:userId/profile/statusMsg', authenticated: true, selfOnly: true, body: { statusMsg: 'hello' } },
  { method: 'patch', pattern: '/user/:userId/profile/masterBadge', authenticated: true, selfOnly: true, body: { badgeId: null } },
  { method: 'patch', pattern: '/user/:userId/profile/dailyGoal', authenticated: true, selfOnly: true, body: { minutes: 45 } },
  { method: 'patch', pattern: '/user/:userId/profile/leaderboard', authenticated: true, selfOnly: true, body: { visible: false } },
  { method: 'get', pattern: '/user/:userId/streak', authenticated: true, selfOnly: true },
  { method: 'get', pattern: '/leaderboard', authenticated: true, query: { period: 'week', categoryId: '3', limit: '10' } },
  { method: 'post', pattern: '/upload/image', authenticated: true },
  { method: 'post', pattern: '/room/new', authenticated: true, body: { title: 'fuzz room', isSecret: false, pwd: null, categoryId: 1, tags: ['a'] } },
  { method: 'post', pattern: '/room/:roomId/user/:userId', authenticated: true, selfOnly: true, body: { pwd: 'secret', ticket: null } },
  { method: 'delete', pattern: '/room/:roomId/user/:userId', authenticated: true, selfOnly: true },
  { method: 'get', pattern: '/room/:roomId/pwd/:pwd', authenticated: true },
  { method: 'post', pattern: '/room/:roomId/pwd', authenticated: true, body: { pwd: 'secret' } },
  { method: 'get', pattern: '/rooms', authenticated: false, query: { q: 'all', p: '1' } },
  { method: 'get', pattern: '/rooms/category/:categoryId', authenticated: false, query: { p: '1' } },
  { method: 'get', pattern: '/admin/users', authenticated: true, adminOnly: true },
  { method: 'post', pattern: '/admin/user/:userId/badge/bug', authenticated: true, adminOnly: true },
  { method: 'get', pattern: '/openapi.json', authenticated: false },
  { method: 'get', pattern: '/docs', authenticated: false },
];

const OPTIONAL_ROUTES: RouteSpec[] = [
  { method: 'get', pattern: '/user/:userId/records', authenticated: true, selfOnly: true },
];

/** Routes whose handlers exist in src/ at the moment (features land over time). */
export function catalogue(): RouteSpec[] {
  const declared = new Set(declaredRoutes().map((r) => `${r.method} ${r.pattern}`));
  return [...ROUTES, ...OPTIONAL_ROUTES.filter((r) => declared.has(`${r.method} ${r.pattern}`))];
}

/** Fills a pattern's parameters: `{userId: 3, roomId: 7}` turns `/room/:roomId/user/:userId` into `/api/room/7/user/3`. */
export function fillPath(pattern: string, params: Record<string, string | number>): string {
  const defaults: Record<string, string> = { type: 'local', pwd: 'secret', categoryId: '1' };
  return `/api${pattern.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(String(params[name] ?? defaults[name] ?? '1')))}`;
}

/**
 * The routes the source declares (`router.get('/x', ...)` in src/**), read from the files themselves so
 * the security and fuzz matrices fail when a route is added without being added to them.
 */
export function declaredRoutes(root = path.resolve(__dirname, '..', '..', 'src')): { method: string; pattern: string }[] {
  const found: { method: string; pattern: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.router\.ts$/.test(entry.name)) {
        for (const m of fs.readFileSync(full, 'utf8').matchAll(/\b(?:router|r)\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)) {
          found.push({ method: m[1]!, pattern: m[2]! });
        }
      }
    }
  };
  walk(root);
  return found;
}
