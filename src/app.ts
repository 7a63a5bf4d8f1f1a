import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { adminApiRoutes } from './admin/admin.openapi';
import { createAdminRouter } from './admin/admin.router';
import { createAuthEvents } from './auth/auth-events';
import { authApiRoutes } from './auth/auth.openapi';
import { createAuthRouter } from './auth/auth.router';
import { createAuthService } from './auth/auth.service';
import { createLoginGuard } from './auth/login-guard';
import { createKakaoLogin } from './auth/kakao';
import { createPasswords } from './auth/passwords';
import { createRequireAdmin } from './auth/require-admin';
import { createRequireUser } from './auth/require-user';
import { createTokens } from './auth/tokens';
import { badgesApiRoutes } from './badges/badges.openapi';
import { createBadgesRepo } from './badges/badges.repo';
import { createBadgesRouter } from './badges/badges.router';
import { createBadgesService } from './badges/badges.service';
import { categoriesApiRoutes } from './categories/categories.openapi';
import { createCategoriesRepo, createCategoriesRouter } from './categories/categories.router';
import type { Config } from './config';
import { initModels } from './db/models';
import { migrateAndSeed } from './db/migrate';
import { createDb } from './db/sequelize';
import { createHttpApp } from './http/create-http-app';
import { buildOpenApiDocument, packageVersion } from './http/openapi/openapi-document';
import { createOpenApiRouter, openApiRoutes } from './http/openapi/openapi.router';
import { createAuthLimiter, createPerUserLimiter, createRoomPasswordLimiter } from './http/rate-limits';
import { opsApiRoutes } from './ops/ops.openapi';
import { createOpsRouter, type ReadinessCheck } from './ops/ops.router';
import { participationApiRoutes } from './participation/participation.openapi';
import { habitsApiRoutes } from './habits/habits.openapi';
import { createHabitsRouter } from './habits/habits.router';
import { createHabitsService } from './habits/habits.service';
import { createParticipationRecorder } from './participation/participation.recorder';
import { createParticipationRouter } from './participation/participation.router';
import { createParticipationService } from './participation/participation.service';
import { createMongoParticipationStore } from './participation/stores/mongo.store';
import { createSqlParticipationStore } from './participation/stores/sql.store';
import { createChatSockets } from './chat/chat.socket';
import { createMediaSockets } from './media/media.socket';
import { createMembership } from './membership/create-membership';
import { createPresenceEvents } from './membership/presence-events';
import { createRealtime } from './realtime/create-realtime';
import { createRoomEvents } from './rooms/room-events';
import { createLocalPasswordChecks, createRedisPasswordChecks } from './rooms/room-password-checks';
import { roomsApiRoutes } from './rooms/rooms.openapi';
import { createRoomsRepo } from './rooms/rooms.repo';
import { createRoomsRouter } from './rooms/rooms.router';
import { createRoomsService } from './rooms/rooms.service';
import { systemClock, type Clock } from './shared/clock';
import { iceServersFor } from './signaling/ice';
import { createSessionSockets } from './session/session.socket';
import { createSignalingSockets } from './signaling/signaling.socket';
import { createTimerSockets } from './timer/timer.socket';
import { createLogger, type Logger } from './shared/logger';
import { uploadsApiRoutes } from './uploads/uploads.openapi';
import { createUploads } from './uploads/uploads.router';
import { usersApiRoutes } from './users/users.openapi';
import { createUsersRepo } from './users/users.repo';
import { createUsersRouter } from './users/users.router';
import { createUsersService } from './users/users.service';

export type AppOptions = {
  /** Replaces the system clock (tests move time instead of waiting). */
  clock?: Clock;
  log?: Logger;
};

/**
 * The composition root: the only place that knows every concrete piece. Nothing listens until
 * `listen` is called, so tests build as many apps as they need, each on port 0.
 */
export async function createApp(config: Config, options: AppOptions = {}) {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const db = createDb(config.db);
  try {
    await db.withoutDeadline(() => migrateAndSeed(db.sequelize));
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  const models = initModels(db.sequelize);

  // What counts as this server: PUBLIC_URL (required in production), else the configured listening address
  // (localhost when it listens on every interface) on the bound port. Never a request's Host header.
  let boundPort = config.port;
  const ownHost = ['0.0.0.0', '::', ''].includes(config.host) ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const selfUrl = () => config.publicUrl ?? `http://${ownHost}:${boundPort}`;
  const passwords = createPasswords(config.bcryptRounds);
  const tokens = createTokens(config.jwt);
  const usersRepo = createUsersRepo(db, models);
  const badgesRepo = createBadgesRepo(db, models, selfUrl);
  const badges = createBadgesService({ repo: badgesRepo });
  const authEvents = createAuthEvents();
  const auth = createAuthService({ users: usersRepo, badges, passwords, tokens, events: authEvents });
  const uploads = createUploads({
    uploadDir: config.uploadDir,
    selfUrl,
    models,
    clock,
    limits: config.uploadLimits,
    uploadLimiter: createPerUserLimiter(config.rateLimits.upload),
  });
  // Uploaded files nobody's profile uses go after UPLOAD_UNUSED_TTL_MS (also swept at each upload by their owner).
  const uploadSweep = clock.setInterval(() => void uploads.sweepUnused().catch((err: unknown) => log.warn({ err }, 'upload sweep failed')), Math.min(config.uploadLimits.unusedTtlMs, 3_600_000));
  const users = createUsersService({ users: usersRepo, badges: badgesRepo, uploads });
  const roomEvents = createRoomEvents();
  const presenceEvents = createPresenceEvents();
  const participationStore = config.mongoUrl
    ? createMongoParticipationStore(config.mongoUrl, { tzName: config.tzName, listedAmong: usersRepo.listedAmong })
    : createSqlParticipationStore(db, { tzName: config.tzName, listedAmong: usersRepo.listedAmong });
  // Once per database: entries ended before the roll-up existed are added to it before anything reads it.
  // On SQL it is part of the start like the migrations (its transaction undoes a failed one); MongoDB may be
  // briefly down at start, so there it runs in the background.
  const backfill = participationStore.backfillRollup();
  if (config.mongoUrl) void backfill.catch((err: unknown) => log.warn({ err }, 'participation roll-up backfill failed'));
  else await backfill.catch(async (err: unknown) => (await db.close().catch(() => undefined), Promise.reject(err)));
  const participation = createParticipationService({ store: participationStore, badges, clock, tzName: config.tzName });
  const habits = createHabitsService({ participation, store: participationStore, users: usersRepo, badges, badgeCatalogue: badgesRepo, clock, tzName: config.tzName });
  const participationRecorder = createParticipationRecorder({
    store: participationStore,
    presenceEvents,
    clock,
    log,
    heartbeatMs: config.heartbeatMs,
    onEnded: async (userId) => {
      await participation.awardWeeklyBadges(userId);
      await habits.awardStreakBadges(userId);
    },
  });
  // Not awaited: a participation store that is briefly down must not stop the start; the sweep retries.
  void participationRecorder.start();
  const passwordChecks = config.redisUrl
    ? createRedisPasswordChecks({ url: config.redisUrl, prefix: config.redis.prefix, commandTimeoutMs: config.redis.commandTimeoutMs, log })
    : createLocalPasswordChecks(clock);
  const rooms = createRoomsService({ db, repo: createRoomsRepo(db, models), passwords, tokens, events: roomEvents, clock, passwordChecks });
  const kakao = config.kakao
    ? createKakaoLogin({ restApiKey: config.kakao.restApiKey, redirectUri: config.kakao.redirectUri, users: usersRepo, badges, tokens })
    : undefined;

  let accepting = true;
  const requireUser = createRequireUser(auth, tokens);
  const readiness: ReadinessCheck[] = [{ name: 'sql', check: () => db.ping() }];
  if (config.mongoUrl) readiness.push({ name: 'mongo', check: () => participationStore.ping() });

  const apiRouters = [
    createOpsRouter({ checks: readiness, registry, metricsToken: config.metricsToken, isAccepting: () => accepting }),
    createAuthRouter({ auth, requireUser, authLimiter: createAuthLimiter(config.rateLimits.auth), loginGuard: createLoginGuard(config.rateLimits.logInPerAccount, clock), kakao }),
    createUsersRouter({ users, requireUser }),
    createParticipationRouter({ participation, requireUser }),
    createHabitsRouter({ habits, requireUser }),
    createCategoriesRouter({ categories: createCategoriesRepo(models) }),
    createBadgesRouter({ badges: badgesRepo }),
    createRoomsRouter({
      rooms,
      requireUser,
      roomPasswordLimiter: createRoomPasswordLimiter(config.rateLimits.roomPassword),
      roomCreateLimiter: createPerUserLimiter(config.rateLimits.roomCreate),
    }),
    createAdminRouter({ users: usersRepo, badges, requireUser, requireAdmin: createRequireAdmin({ users: usersRepo }) }),
    uploads.router(requireUser),
  ];
  // The REST API's OpenAPI document, from each feature's *.openapi.ts (the same zod schemas its router parses with).
  const apiDocument = buildOpenApiDocument(
    [opsApiRoutes, authApiRoutes, usersApiRoutes, habitsApiRoutes, uploadsApiRoutes, participationApiRoutes, categoriesApiRoutes, badgesApiRoutes, roomsApiRoutes, adminApiRoutes, openApiRoutes].flat(),
    { version: packageVersion() },
  );
  apiRouters.push(createOpenApiRouter(apiDocument));
  const httpApp = createHttpApp({ config, log, registry, apiRouters, uploads: uploads.serve });
  const server = http.createServer(httpApp);
  const realtime = await createRealtime({ server, config, authenticate: auth.authenticate, clock, log }).catch(async (err: unknown) => {
    await participationRecorder.close().catch(() => undefined);
    await participationStore.close().catch(() => undefined);
    await passwordChecks.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw err;
  });
  const { io, store } = realtime;
  await realtime.start([
    createSessionSockets({ io, authenticate: auth.authenticate, authEvents, clock }),
    createMembership({
      io,
      store,
      rooms,
      users,
      roomEvents,
      presenceEvents,
      iceServersFor: (userId, nowMs) => iceServersFor(config.ice, userId, nowMs),
      reconnectGraceMs: config.reconnectGraceMs,
      sweepEveryMs: config.redisUrl ? config.membershipSweepMs : null,
      onStoreReconnected: realtime.onStoreReconnected,
      clock,
      log,
    }),
    createMediaSockets({ io, store }),
    createTimerSockets({ io, store, roomEvents, clock, log }),
    createChatSockets({ store, clock, tzName: config.tzName }),
    createSignalingSockets({
      io,
      store,
      iceServersFor: (userId, nowMs) => iceServersFor(config.ice, userId, nowMs),
      // Halfway through a credential's life, so a refresh that is late or lost still lands in time.
      refreshEveryMs: config.ice.turnSecret ? Math.max(30_000, (config.ice.turnTtlSeconds * 1000) / 2) : null,
      clock,
    }),
  ]);
  if (config.redisUrl) readiness.push({ name: 'redis', check: () => realtime.ping() });

  async function listen(port = config.port, host = config.host): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    boundPort = address.port;
    return address;
  }

  let closing: Promise<void> | undefined;
  /** Graceful stop: refuse new work, close the listener and connections, then the pools. Idempotent. */
  function close(): Promise<void> {
    closing ??= (async () => {
      accepting = false;
      clock.clearTimer(uploadSweep);
      // Sockets first: their presences end (and are recorded) while the databases are still open.
      await realtime.close();
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await participationRecorder.close();
      await participationStore.close();
      await passwordChecks.close();
      await db.close();
    })();
    return closing;
  }

  return { config, log, clock, db, models, registry, server, auth, tokens, users, rooms, roomEvents, presenceEvents, badges: badgesRepo, io: realtime.io, realtime, participation, participationStore, participationRecorder, uploads, apiDocument, listen, close };
}
export type App = Awaited<ReturnType<typeof createApp>>;
