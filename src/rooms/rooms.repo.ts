import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { Db } from '../db/sequelize';
import type { Models } from '../db/models';
import { likePattern, toDate, toNumber } from '../db/values';
import type { Participant, RoomDetail, RoomSummary } from '../contract/rooms';
import { textKey } from '../shared/text';

export type { Participant, RoomDetail, RoomSummary };

export type RoomRecord = {
  id: number;
  title: string;
  isSecret: boolean;
  pwdHash: string | null;
  masterUserId: number;
  participantCnt: number;
  capacity: number;
  categoryId: number;
};

export type RoomFilter = { kind: 'all' } | { kind: 'possible' } | { kind: 'text'; text: string } | { kind: 'category'; categoryId: number };

type RawRoom = { id: number; title: string; isSecret: unknown; masterUserId: number; likeCnt: unknown; participantCnt: unknown; capacity: unknown; createdAt: unknown; categoryId: number };

export function createRoomsRepo(db: Db, models: Pick<Models, 'Room' | 'Tag' | 'RoomTag' | 'RoomMember' | 'Category'>) {
  const { Room, Tag, RoomTag, RoomMember, Category } = models;
  const { sequelize } = db;

  /**
   * With `forUpdate` inside a transaction, the room row is locked first (MySQL; SQLite transactions are
   * already serialised). Membership changes of one room then run one after another, and each one's later
   * reads see the previous one's commit: without it, two last members leaving at once each still saw the
   * other in their snapshot, and the room was left empty instead of deleted.
   */
  async function findRecord(roomId: number, transaction?: Transaction, opts: { forUpdate?: boolean } = {}): Promise<RoomRecord | null> {
    const lock = opts.forUpdate && transaction ? transaction.LOCK.UPDATE : undefined;
    const row = await Room.findByPk(roomId, { raw: true, transaction, lock });
    if (!row) return null;
    return {
      id: row.id,
      title: row.title,
      isSecret: Boolean(row.isSecret),
      pwdHash: row.pwdHash,
      masterUserId: row.masterUserId,
      participantCnt: toNumber(row.participantCnt),
      capacity: toNumber(row.capacity),
      categoryId: row.categoryId,
    };
  }

  async function categoryExists(categoryId: number): Promise<boolean> {
    return (await Category.count({ where: { id: categoryId } })) > 0;
  }

  async function titleTaken(title: string, transaction?: Transaction): Promise<boolean> {
    return (await Room.count({ where: { titleKey: textKey(title) }, transaction })) > 0;
  }

  async function insertRoom(
    room: { title: string; isSecret: boolean; pwdHash: string | null; masterUserId: number; categoryId: number; tags: string[]; at: Date },
    t: Transaction,
  ): Promise<number> {
    const created = await Room.create(
      { title: room.title, titleKey: textKey(room.title), isSecret: room.isSecret, pwdHash: room.pwdHash, masterUserId: room.masterUserId, categoryId: room.categoryId, participantCnt: 0, createdAt: room.at, updatedAt: room.at },
      { transaction: t },
    );
    const roomId = created.get('id');
    if (room.tags.length) {
      // Tags are global and shared; INSERT-or-ignore keeps two rooms that add the same new tag from colliding.
      await Tag.bulkCreate(room.tags.map((name) => ({ name })), { ignoreDuplicates: true, transaction: t });
      const tags = await Tag.findAll({ where: { name: room.tags }, raw: true, transaction: t });
      await RoomTag.bulkCreate(tags.map((tag) => ({ roomId, tagId: tag.id })), { transaction: t });
    }
    return roomId;
  }

  /** Which room this user is a member of, if any (at most one, by a unique index). */
  async function membershipOf(userId: number, transaction?: Transaction): Promise<{ roomId: number; joinedAt: Date } | null> {
    const row = await RoomMember.findOne({ where: { userId }, raw: true, transaction });
    return row ? { roomId: row.roomId, joinedAt: toDate(row.joinedAt) } : null;
  }

  async function isMember(roomId: number, userId: number, transaction?: Transaction): Promise<boolean> {
    return (await RoomMember.count({ where: { roomId, userId }, transaction })) > 0;
  }

  /**
   * Takes a seat with one conditional UPDATE, so racing entries can never pass the capacity:
   * the database, not a read-then-write in our code, decides who gets the last seat.
   */
  async function takeSeat(roomId: number, userId: number, at: Date, t: Transaction): Promise<boolean> {
    const [seated] = await Room.update(
      { participantCnt: sequelize.literal(`${db.q('participantCnt')} + 1`) as unknown as number, updatedAt: at },
      { where: { id: roomId, participantCnt: { [Op.lt]: sequelize.col('capacity') } }, transaction: t },
    );
    if (seated !== 1) return false;
    await RoomMember.create({ roomId, userId, joinedAt: at }, { transaction: t });
    return true;
  }

  /** Removes the member; returns the remaining members oldest first, or null if they were not a member. */
  async function removeMember(roomId: number, userId: number, t: Transaction): Promise<{ userId: number }[] | null> {
    const removed = await RoomMember.destroy({ where: { roomId, userId }, transaction: t });
    if (removed === 0) return null;
    await Room.update(
      { participantCnt: sequelize.literal(`${db.q('participantCnt')} - 1`) as unknown as number },
      { where: { id: roomId }, transaction: t },
    );
    const rest = await RoomMember.findAll({ where: { roomId }, raw: true, order: [['joinedAt', 'ASC'], ['userId', 'ASC']], transaction: t });
    return rest.map((r) => ({ userId: r.userId }));
  }

  async function setMaster(roomId: number, userId: number, t: Transaction) {
    await Room.update({ masterUserId: userId }, { where: { id: roomId }, transaction: t });
  }

  async function deleteRoom(roomId: number, t: Transaction) {
    await RoomMember.destroy({ where: { roomId }, transaction: t });
    await RoomTag.destroy({ where: { roomId }, transaction: t });
    await Room.destroy({ where: { id: roomId }, transaction: t });
  }

  async function allMemberships(): Promise<{ roomId: number; userId: number }[]> {
    return (await RoomMember.findAll({ raw: true })).map((r) => ({ roomId: r.roomId, userId: r.userId }));
  }

  async function categoriesById(): Promise<Map<number, { id: number; name: string }>> {
    const rows = await Category.findAll({ raw: true });
    return new Map(rows.map((c) => [c.id, { id: c.id, name: c.name }]));
  }

  async function hydrate(rows: RawRoom[], withParticipants: boolean): Promise<RoomDetail[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [categories, tagRows, memberRows] = await Promise.all([
      categoriesById(),
      sequelize.query<{ roomId: number; id: number; name: string }>(
        'SELECT rt.roomId AS roomId, t.id AS id, t.name AS name FROM room_tags rt JOIN tags t ON t.id = rt.tagId WHERE rt.roomId IN (:ids) ORDER BY t.id',
        { replacements: { ids }, type: QueryTypes.SELECT },
      ),
      withParticipants
        ? sequelize.query<Participant & { roomId: number }>(
            'SELECT m.roomId AS roomId, u.id AS id, u.nickname AS nickname, u.profileImg AS profileImg, u.masterBadgeId AS masterBadgeId FROM room_members m JOIN users u ON u.id = m.userId WHERE m.roomId IN (:ids) ORDER BY m.joinedAt, u.id',
            { replacements: { ids }, type: QueryTypes.SELECT },
          )
        : Promise.resolve([]),
    ]);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      isSecret: Boolean(toNumber(r.isSecret)),
      masterUserId: r.masterUserId,
      likeCnt: toNumber(r.likeCnt),
      participantCnt: toNumber(r.participantCnt),
      capacity: toNumber(r.capacity),
      createdAt: toDate(r.createdAt).toISOString(),
      category: categories.get(r.categoryId) ?? { id: r.categoryId, name: '' },
      Tags: tagRows.filter((t) => t.roomId === r.id).map((t) => ({ id: t.id, name: t.name })),
      Participants: memberRows
        .filter((m) => m.roomId === r.id)
        .map((m) => ({ id: m.id, nickname: m.nickname, profileImg: m.profileImg, masterBadgeId: m.masterBadgeId })),
    }));
  }

  const ROOM_COLUMNS = 'r.id AS id, r.title AS title, r.isSecret AS isSecret, r.masterUserId AS masterUserId, r.likeCnt AS likeCnt, r.participantCnt AS participantCnt, r.capacity AS capacity, r.createdAt AS createdAt, r.categoryId AS categoryId';

  async function detail(roomId: number, transaction?: Transaction): Promise<RoomDetail | null> {
    const rows = await sequelize.query<RawRoom>(`SELECT ${ROOM_COLUMNS} FROM rooms r WHERE r.id = :roomId`, {
      replacements: { roomId },
      type: QueryTypes.SELECT,
      transaction,
    });
    const [room] = await hydrate(rows, true);
    return room ?? null;
  }

  async function list(filter: RoomFilter, window: { offset: number; limit: number }): Promise<RoomSummary[]> {
    // Bound parameters, not replacements: SQLite's escaping of replaced strings cannot carry a NUL byte
    // (`?q=%00` was a 500 found by the REST fuzzer); a bound value carries any string as it is.
    const bind: Record<string, unknown> = { limit: window.limit, offset: window.offset };
    let where = '1 = 1';
    if (filter.kind === 'possible') where = 'r.isSecret = 0 AND r.participantCnt < r.capacity';
    if (filter.kind === 'category') {
      where = 'r.categoryId = $categoryId';
      bind.categoryId = filter.categoryId;
    }
    if (filter.kind === 'text') {
      bind.pattern = likePattern(filter.text);
      where = `(r.title LIKE $pattern ESCAPE '!'
        OR r.id IN (SELECT rt.roomId FROM room_tags rt JOIN tags t ON t.id = rt.tagId WHERE t.name LIKE $pattern ESCAPE '!')
        OR r.categoryId IN (SELECT c.id FROM categories c WHERE c.name LIKE $pattern ESCAPE '!' OR c.slug LIKE $pattern ESCAPE '!'))`;
    }
    const rows = await sequelize.query<RawRoom>(
      `SELECT ${ROOM_COLUMNS} FROM rooms r WHERE ${where} ORDER BY r.createdAt DESC, r.id DESC LIMIT $limit OFFSET $offset`,
      { bind, type: QueryTypes.SELECT },
    );
    const detailed = await hydrate(rows, false);
    return detailed.map(({ masterUserId: _m, Participants: _p, ...summary }) => summary);
  }

  return {
    findRecord,
    categoryExists,
    titleTaken,
    insertRoom,
    membershipOf,
    isMember,
    takeSeat,
    removeMember,
    setMaster,
    deleteRoom,
    allMemberships,
    detail,
    list,
  };
}
export type RoomsRepo = ReturnType<typeof createRoomsRepo>;
