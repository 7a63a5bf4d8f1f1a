import net from 'node:net';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { createManualClock, type ManualClock } from '../../src/shared/clock';
import { makeUser } from '../support/factories';
import { eventually } from '../support/socket-client';
import { dialect, freshMysqlDatabase, startTestApp, type TestApp } from '../support/test-app';

const MIN = 60_000;
const START = Date.UTC(2026, 2, 10, 1); // a Tuesday, 10:00 in Seoul

/**
 * A TCP relay in front of the real MariaDB that the test can cut: `down()` closes the listener and every
 * relayed connection (the database looks gone), `up()` listens again on the same port.
 */
async function startCuttableRelay(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    down: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
    up: () => listen(port),
    close: () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  };
}

/** Moves the clock past the longest retry pause on every poll, so the queued write is tried again until it lands. */
const retriedUntil = (clock: ManualClock, landed: () => Promise<boolean>) =>
  eventually(async () => {
    clock.advance(5_000);
    return landed();
  }, 20_000);

const entriesOf = (t: TestApp, userId: number) => t.app.participationStore.listOverlapping(userId, 0, Number.MAX_SAFE_INTEGER);

(dialect === 'mysql' ? describe : describe.skip)('when MariaDB is briefly unreachable (mysql leg)', () => {
  it('the end of a presence is retried and lands once the database is back; nothing throws', async () => {
    const base = new URL(process.env.DATABASE_URL!);
    const fresh = await freshMysqlDatabase(process.env.DATABASE_URL!);
    const relay = await startCuttableRelay({ host: base.hostname, port: Number(base.port || 3306) });
    const viaRelay = new URL(fresh.url);
    viaRelay.host = `127.0.0.1:${relay.port}`;
    const clock = createManualClock(START);
    const t = await startTestApp({ DATABASE_URL: viaRelay.toString(), HEARTBEAT_MS: '3600000' }, { clock });
    try {
      const user = await makeUser(t);
      t.app.presenceEvents.emit('presence-started', { userId: user.id, roomId: 3, categoryId: 3, at: clock.now() });
      await eventually(async () => (await entriesOf(t, user.id)).length === 1);

      await relay.down();
      clock.advance(25 * MIN);
      const scheduled = clock.pendingTimers();
      t.app.presenceEvents.emit('presence-ended', { userId: user.id, roomId: 3, at: clock.now() });
      // The write is failing and waiting for its next attempt (a retry on the clock), not lost and not thrown.
      await eventually(() => clock.pendingTimers() > scheduled, 20_000);
      expect(t.app.participationRecorder.pendingWrites()).toBe(1);

      await relay.up();
      await retriedUntil(clock, async () => (await entriesOf(t, user.id))[0]?.leftAt === START + 25 * MIN);
      // The row is visible to other connections a moment before the writer's promise settles and the queue
      // forgets it, so the queue is awaited too, not read at once.
      await eventually(() => t.app.participationRecorder.pendingWrites() === 0, 5_000);
    } finally {
      await t.close();
      await relay.close();
      await fresh.drop();
    }
  }, 60_000);
});

(dialect === 'sqlite' ? describe : describe.skip)('when another process holds the SQLite write lock (sqlite leg)', () => {
  it('the end of a presence waits for the lock, is retried, and lands once the lock is released', async () => {
    const clock = createManualClock(START);
    const t = await startTestApp({ HEARTBEAT_MS: '3600000' }, { clock });
    const locker = new sqlite3.Database(path.join(t.tmp, 'test.sqlite'));
    const run = (sql: string) => new Promise<void>((resolve, reject) => locker.run(sql, (err) => (err ? reject(err) : resolve())));
    try {
      const user = await makeUser(t);
      t.app.presenceEvents.emit('presence-started', { userId: user.id, roomId: 4, categoryId: 2, at: clock.now() });
      await eventually(async () => (await entriesOf(t, user.id)).length === 1);

      // Another process holding the write lock: the app's connections wait 5 s for it, then fail.
      await run('BEGIN EXCLUSIVE');
      clock.advance(40 * MIN);
      t.app.presenceEvents.emit('presence-ended', { userId: user.id, roomId: 4, at: clock.now() });
      // Queued, not lost and not thrown; it cannot land while the lock is held (SQLite waits 5 s per attempt,
      // Sequelize retries SQLITE_BUSY, then the queue retries on the clock).
      expect(t.app.participationRecorder.pendingWrites()).toBe(1);
      expect((await entriesOf(t, user.id).catch(() => [{ leftAt: null }]))[0]?.leftAt ?? null).toBeNull();
      await run('COMMIT');

      await retriedUntil(clock, async () => (await entriesOf(t, user.id))[0]?.leftAt === START + 40 * MIN);
      // The row is visible to other connections a moment before the writer's promise settles and the queue
      // forgets it, so the queue is awaited too, not read at once.
      await eventually(() => t.app.participationRecorder.pendingWrites() === 0, 5_000);
    } finally {
      await new Promise<void>((resolve) => locker.close(() => resolve()));
      await t.close();
    }
  }, 60_000);
});
