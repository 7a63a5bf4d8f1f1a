import { randomBytes } from 'node:crypto';
import { setAdmin } from '../../src/admin/grant-admin';
import { joinRoom } from './socket-client';
import type { TestApp } from './test-app';

let seq = 0;
/** A short unique nickname (2-8 chars, no specials). */
export const uniqueNickname = () => `u${(++seq).toString(36)}${randomBytes(2).toString('hex')}`.slice(0, 8);
export const uniqueEmail = () => `user-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}@example.com`;

export type TestUser = { id: number; token: string; origin: string; nickname: string; pwd: string; auth: { Authorization: string } };

/** Signs a new local user up over the real API and reads back their id. */
export async function makeUser(t: TestApp, overrides: Partial<{ origin: string; nickname: string; pwd: string }> = {}): Promise<TestUser> {
  const body = { origin: uniqueEmail(), nickname: uniqueNickname(), pwd: `pw-${randomBytes(5).toString('hex')}`, ...overrides };
  const res = await t.http().post('/api/auth/local').send(body).expect(201);
  const token = res.body.data.token as string;
  const me = await t.http().get('/api/user/me').set('Authorization', `Bearer ${token}`).expect(200);
  return { id: me.body.data.user.id, token, origin: body.origin, nickname: body.nickname, pwd: body.pwd, auth: { Authorization: `Bearer ${token}` } };
}

/** A new local user with admin rights, granted the way the operator does it (src/admin/grant-admin.ts). */
export async function makeAdmin(t: TestApp, overrides: Partial<{ origin: string; nickname: string; pwd: string }> = {}): Promise<TestUser> {
  const user = await makeUser(t, overrides);
  if (!(await setAdmin(t.app.db.sequelize, user.origin, true))) throw new Error('admin grant found no account');
  return user;
}

let roomSeq = 0;
export const uniqueTitle = () => `room ${Date.now().toString(36)} ${(++roomSeq).toString(36)}`.slice(0, 30);

export type RoomOverrides = Partial<{ title: string; isSecret: boolean; pwd: string; categoryId: number; tags: string[] }>;

/** Creates a room over the real API (the creator becomes its first member and master). */
export async function makeRoom(t: TestApp, owner: TestUser, overrides: RoomOverrides = {}) {
  const body = { title: uniqueTitle(), isSecret: false, categoryId: 3, tags: [], ...overrides };
  const res = await t.http().post('/api/room/new').set(owner.auth).send(body).expect(201);
  return res.body.data as { id: number; title: string; participantCnt: number; masterUserId: number; category: { id: number; name: string } };
}

/** Returns the supertest request itself, so callers can chain `.expect(...)` or await the response. */
export function enterRoom(t: TestApp, user: TestUser, roomId: number, body: Record<string, unknown> = {}) {
  return t.http().post(`/api/room/${roomId}/user/${user.id}`).set(user.auth).send(body);
}

/** Alice creates a room, Bob enters it over REST, and both join it over real sockets. */
export async function twoMembersJoined(t: TestApp) {
  const alice = await makeUser(t);
  const bob = await makeUser(t);
  const room = await makeRoom(t, alice);
  await enterRoom(t, bob, room.id).expect(201);
  const a = await joinRoom(t.url, alice.token, room.id);
  const b = await joinRoom(t.url, bob.token, room.id);
  return { alice, bob, room, a, b };
}

/** `n` new users in one new room: the first made it, the others entered it over REST. */
export async function roomWithMembers(t: TestApp, n: number) {
  const users: TestUser[] = [];
  for (let i = 0; i < n; i++) users.push(await makeUser(t));
  const room = await makeRoom(t, users[0]!);
  for (const u of users.slice(1)) await enterRoom(t, u, room.id).expect(201);
  return { users, room };
}
