import { Op, type Transaction } from 'sequelize';
import type { Db } from '../db/sequelize';
import { isUniqueViolation } from '../errors';
import type { Models } from '../db/models';
import { absoluteUrl } from '../shared/public-url';
import { stockAllows } from './badge-rules';
import type { BadgeRow } from './badges.model';

/**
 * A badge on the wire: `name` and `desc` as the original client reads them (`name` is a key such as
 * "firstCome"), `label` and `description` for a person: the Korean display name and what earns it.
 */
export type Badge = { id: number; name: string; label: string; desc: string; description: string; imageUrl: string };
export type OwnedBadge = Badge & { acquiredAt: string };

/** The stored image path (`/badges/x.svg`) becomes an absolute URL on `publicOrigin`. */
export const presentBadge = (b: Pick<BadgeRow, 'id' | 'name' | 'label' | 'description' | 'imageUrl'>, publicOrigin: string): Badge => ({
  id: b.id,
  name: b.name,
  label: b.label ?? b.name,
  desc: b.description,
  description: b.description,
  imageUrl: absoluteUrl(publicOrigin, b.imageUrl),
});

/** `publicOrigin` is asked at each read: the server's own address is known only once it listens. */
export function createBadgesRepo(db: Db, models: Pick<Models, 'Badge' | 'UserBadge' | 'User'>, publicOrigin: () => string) {
  const { Badge, UserBadge, User } = models;
  const present = (b: BadgeRow) => presentBadge(b, publicOrigin());

  async function catalogue(): Promise<Badge[]> {
    const rows = await Badge.findAll({ raw: true, order: [['id', 'ASC']] });
    return rows.map(present);
  }

  async function findById(id: number): Promise<Badge | null> {
    const row = await Badge.findByPk(id, { raw: true });
    return row ? present(row) : null;
  }

  async function ownedBy(userId: number): Promise<OwnedBadge[]> {
    const owned = await UserBadge.findAll({ where: { userId }, raw: true, order: [['acquiredAt', 'ASC'], ['badgeId', 'ASC']] });
    if (owned.length === 0) return [];
    const badges = await Badge.findAll({ where: { id: owned.map((o) => o.badgeId) }, raw: true });
    const byId = new Map(badges.map((b) => [b.id, b]));
    return owned.flatMap((o) => {
      const b = byId.get(o.badgeId);
      return b ? [{ ...present(b), acquiredAt: new Date(o.acquiredAt).toISOString() }] : [];
    });
  }

  async function owns(userId: number, badgeId: number, transaction?: Transaction): Promise<boolean> {
    return (await UserBadge.count({ where: { userId, badgeId }, transaction })) > 0;
  }

  /** Inside `transaction`: gives the badge once and marks it as the user's newest unseen one. */
  async function grant(userId: number, badgeId: number, at: Date, transaction: Transaction): Promise<boolean> {
    if (await owns(userId, badgeId, transaction)) return false;
    await UserBadge.create({ userId, badgeId, acquiredAt: at }, { transaction });
    await User.update({ newBadge: badgeId }, { where: { id: userId }, transaction });
    return true;
  }

  /** Awards a badge at most once, atomically. Returns whether this call awarded it. */
  async function award(userId: number, badgeId: number, at = new Date()): Promise<boolean> {
    try {
      return await db.tx((t) => grant(userId, badgeId, at, t));
    } catch (err) {
      // Two racing awards of the same badge: the primary key lets only one in.
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /**
   * firstCome: the stock decrement and the grant commit together, and the decrement is a conditional
   * UPDATE, so concurrent log-ins can never award more than the stock.
   */
  async function awardFromStock(userId: number, badgeId: number, at = new Date()): Promise<boolean> {
    // Once the stock is gone every log-in would still queue on the stock row's lock; a plain read skips that.
    // Only a fast path: the conditional UPDATE below stays the one that decides.
    if (!stockAllows(await stockOf(badgeId))) return false;
    try {
      return await db.tx(async (t) => {
        if (await owns(userId, badgeId, t)) return false;
        const [taken] = await Badge.update(
          { leftBadges: db.sequelize.literal(`${db.q('leftBadges')} - 1`) as unknown as number },
          { where: { id: badgeId, leftBadges: { [Op.gt]: 0 } }, transaction: t },
        );
        if (taken !== 1) return false;
        return grant(userId, badgeId, at, t);
      });
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async function stockOf(badgeId: number): Promise<number | null> {
    const row = await Badge.findByPk(badgeId, { raw: true });
    return row?.leftBadges ?? null;
  }

  return { catalogue, findById, ownedBy, owns, award, awardFromStock, stockOf };
}
export type BadgesRepo = ReturnType<typeof createBadgesRepo>;
