import { randomUUID } from 'node:crypto';
import type { ManualClock } from '../../src/shared/clock';
import { eventually } from '../support/socket-client';
import type { TestApp } from '../support/test-app';
import type { TestUser } from '../support/factories';

export const MIN = 60_000;
/** Seoul wall-clock time (the default TZ_NAME; UTC+9 all year). */
export const kst = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h - 9, mi);

/** A presence as the realtime feature reports it, with the clock moved by hand between start and end. */
export function presence(t: TestApp, clock: ManualClock, userId: number, categoryId = 3, roomId = 900) {
  const written = () => eventually(() => t.app.participationRecorder.pendingWrites() === 0);
  return {
    start: async () => {
      t.app.presenceEvents.emit('presence-started', { userId, roomId, categoryId, at: clock.now() });
      await written();
    },
    end: async () => {
      t.app.presenceEvents.emit('presence-ended', { userId, roomId, at: clock.now() });
      await written();
    },
  };
}

/** A presence from `from` lasting `minutes`, recorded through the events (the clock is left at its end). */
export async function spend(t: TestApp, clock: ManualClock, user: { id: number }, from: number, minutes: number, categoryId = 3) {
  clock.set(from);
  const p = presence(t, clock, user.id, categoryId);
  await p.start();
  clock.set(from + minutes * MIN);
  await p.end();
}

/** Ended entries written through the store port (rolled up as any end): history without replaying it. */
export async function history(t: TestApp, user: { id: number }, visits: [at: number, minutes: number, categoryId?: number][]) {
  await t.app.participationStore.appendMany(
    visits.map(([at, minutes, categoryId = 3]) => ({ id: randomUUID(), userId: user.id, roomId: 900, categoryId, joinedAt: at, leftAt: at + minutes * MIN, heartbeatAt: at + minutes * MIN })),
  );
}

export async function guest(t: TestApp): Promise<Pick<TestUser, 'id' | 'auth'>> {
  const res = await t.http().get('/api/auth/anon').expect(200);
  const token = res.body.data.token as string;
  const me = await t.http().get('/api/user/me').set({ Authorization: `Bearer ${token}` }).expect(200);
  return { id: me.body.data.user.id as number, auth: { Authorization: `Bearer ${token}` } };
}
