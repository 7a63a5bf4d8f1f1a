import { Op, type Transaction } from 'sequelize';
import type { Db } from '../db/sequelize';
import type { Models } from '../db/models';
import { AppError } from '../errors';
import { hasControlCharacters, textKey } from '../shared/text';
import type { UserRow, UserType } from './users.model';

export type User = Omit<UserRow, 'pwdHash' | 'nicknameKey' | 'isAdmin' | 'dailyGoalMinutes' | 'leaderboardVisible'>;
/** The habit settings, read apart from the profile so existing views (admin list, me) keep their fields. */
export type HabitSettings = Pick<UserRow, 'type' | 'dailyGoalMinutes' | 'leaderboardVisible'>;
/** What a leaderboard row shows of a user. */
export type BoardUser = Pick<UserRow, 'id' | 'nickname' | 'profileImg' | 'masterBadgeId'>;
export type NewUser = { origin: string; nickname: string; pwdHash: string | null; statusMsg: string; type: UserType; profileImg?: string | null };
type Opts = { transaction?: Transaction };

const PUBLIC_ATTRIBUTES = ['id', 'origin', 'nickname', 'profileImg', 'statusMsg', 'type', 'newBadge', 'masterBadgeId', 'createdAt', 'updatedAt'];

/** Plain objects in and out; the password hash leaves this file only through `findCredentials`. */
export function createUsersRepo(db: Db, models: Pick<Models, 'User' | 'RevokedToken'>) {
  const { User, RevokedToken } = models;

  async function findById(id: number, opts: Opts = {}): Promise<User | null> {
    return (await User.findByPk(id, { raw: true, attributes: PUBLIC_ATTRIBUTES, ...opts })) as User | null;
  }

  /**
   * An email with control characters is no email, and the engines disagree on it (NUL was a 500 on SQLite).
   * The log-in body schema (src/auth) does not refuse them itself, so it is refused here, before any query.
   */
  function assertEmailText(origin: string): void {
    if (hasControlCharacters(origin)) throw new AppError('VALIDATION', 'origin: 이메일에 제어 문자를 사용할 수 없습니다.');
  }

  async function findCredentials(origin: string): Promise<{ id: number; pwdHash: string | null; type: UserType } | null> {
    assertEmailText(origin);
    const row = await User.findOne({ where: { origin }, raw: true, attributes: ['id', 'pwdHash', 'type'] });
    return row ? { id: row.id, pwdHash: row.pwdHash, type: row.type } : null;
  }

  async function existsWith(field: 'origin' | 'nickname', value: string, exceptUserId?: number): Promise<boolean> {
    if (field === 'origin') assertEmailText(value);
    // Nicknames are compared on their key, so "Alice", "alice" and "ａｌｉｃｅ" are one name on every engine.
    const match = field === 'nickname' ? { nicknameKey: textKey(value) } : { origin: value };
    const where = exceptUserId ? { ...match, id: { [Op.ne]: exceptUserId } } : match;
    return (await User.count({ where })) > 0;
  }

  async function create(user: NewUser, opts: Opts = {}): Promise<User> {
    const created = await User.create({ ...user, nicknameKey: textKey(user.nickname), profileImg: user.profileImg ?? null }, opts);
    const { pwdHash: _hidden, nicknameKey: _key, ...rest } = created.get({ plain: true });
    return rest;
  }

  async function update(id: number, fields: Partial<Pick<UserRow, 'nickname' | 'profileImg' | 'statusMsg' | 'masterBadgeId' | 'newBadge'>>, opts: Opts = {}) {
    await User.update(fields.nickname === undefined ? fields : { ...fields, nicknameKey: textKey(fields.nickname) }, { where: { id }, ...opts });
  }

  /** Whether the user holds admin rights as stored now (granted by the operator, src/admin/grant-admin.ts). */
  async function isAdmin(id: number): Promise<boolean> {
    const row = await User.findByPk(id, { raw: true, attributes: ['isAdmin'] });
    return Boolean(row?.isAdmin);
  }

  async function listAll(): Promise<User[]> {
    return (await User.findAll({ raw: true, attributes: PUBLIC_ATTRIBUTES, order: [['origin', 'ASC']] })) as User[];
  }

  /** Clears `newBadge` only if it still holds the value the caller read, so a badge awarded meanwhile is not lost. */
  async function clearNewBadge(id: number, seen: number): Promise<void> {
    await db.tx((transaction) => User.update({ newBadge: null }, { where: { id, newBadge: seen }, transaction }));
  }

  async function revokeToken(jti: string, expiresAt: Date): Promise<void> {
    await db.tx(async (transaction) => {
      const existing = await RevokedToken.findByPk(jti, { transaction });
      if (!existing) await RevokedToken.create({ jti, expiresAt }, { transaction });
      // Expired revocations can go: an expired token is refused on its own.
      await RevokedToken.destroy({ where: { expiresAt: { [Op.lt]: new Date() } }, transaction });
    });
  }

  async function isRevoked(jti: string): Promise<boolean> {
    return (await RevokedToken.count({ where: { jti } })) > 0;
  }

  async function habitSettings(id: number): Promise<HabitSettings | null> {
    const row = await User.findByPk(id, { raw: true, attributes: ['type', 'dailyGoalMinutes', 'leaderboardVisible'] });
    return row ? { type: row.type, dailyGoalMinutes: Number(row.dailyGoalMinutes), leaderboardVisible: Boolean(row.leaderboardVisible) } : null;
  }

  async function updateHabits(id: number, fields: Partial<Pick<UserRow, 'dailyGoalMinutes' | 'leaderboardVisible'>>): Promise<void> {
    await User.update(fields, { where: { id } });
  }

  /** Of `ids`, the users the leaderboard may list: registered (not guests) and not opted out. */
  async function listedAmong(ids: readonly number[]): Promise<ReadonlySet<number>> {
    if (ids.length === 0) return new Set();
    const rows = await User.findAll({ where: { id: [...ids], type: { [Op.ne]: 'anon' }, leaderboardVisible: true }, raw: true, attributes: ['id'] });
    return new Set(rows.map((r) => r.id));
  }

  async function boardUsers(ids: readonly number[]): Promise<BoardUser[]> {
    if (ids.length === 0) return [];
    return (await User.findAll({ where: { id: [...ids] }, raw: true, attributes: ['id', 'nickname', 'profileImg', 'masterBadgeId'] })) as BoardUser[];
  }

  return { habitSettings, updateHabits, listedAmong, boardUsers, findById, isAdmin, findCredentials, existsWith, create, update, listAll, clearNewBadge, revokeToken, isRevoked };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
