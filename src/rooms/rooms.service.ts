import { AppError } from '../errors';
import type { Passwords } from '../auth/passwords';
import type { Tokens } from '../auth/tokens';
import type { Db } from '../db/sequelize';
import type { Clock } from '../shared/clock';
import type { LeaveReason, MemberLeft, RoomEvents } from './room-events';
import type { RoomDetail, RoomFilter, RoomsRepo, RoomSummary } from './rooms.repo';
import { pageWindow, type CreateRoomBody } from './rooms.schema';

type RoomsServiceDeps = {
  db: Pick<Db, 'tx'>;
  repo: RoomsRepo;
  passwords: Passwords;
  tokens: Pick<Tokens, 'issueRoomTicket' | 'ticketIsValid'>;
  events: RoomEvents;
  clock: Clock;
};

const isUniqueViolation = (err: unknown) => (err as { name?: string }).name === 'SequelizeUniqueConstraintError';

/**
 * Rooms and their membership. Every change of membership goes through `enter` or `leave`, in one
 * transaction, and is then published on `events`, so REST, sockets and participation never disagree.
 */
export function createRoomsService({ db, repo, passwords, tokens, events, clock }: RoomsServiceDeps) {
  async function mustFindDetail(roomId: number): Promise<RoomDetail> {
    const room = await repo.detail(roomId);
    if (!room) throw new AppError('NOT_FOUND', '존재하지 않는 방입니다.');
    return room;
  }

  /** A user belongs to one room at a time: entering or creating another room first leaves the old one. */
  async function leaveCurrentRoom(userId: number, exceptRoomId?: number): Promise<void> {
    const current = await repo.membershipOf(userId);
    if (current && current.roomId !== exceptRoomId) await leave(userId, current.roomId, 'moved');
  }

  async function create(userId: number, body: CreateRoomBody): Promise<RoomDetail> {
    if (!(await repo.categoryExists(body.categoryId))) throw new AppError('VALIDATION', 'categoryId: 존재하지 않는 카테고리입니다.');
    if (await repo.titleTaken(body.title)) throw new AppError('CONFLICT', '이미 존재하는 방 제목입니다.');
    const pwdHash = body.isSecret && body.pwd ? await passwords.hash(body.pwd) : null;
    const tags = [...new Set(body.tags)];
    await leaveCurrentRoom(userId);
    const at = new Date(clock.now());
    let roomId: number;
    try {
      roomId = await db.tx(async (t) => {
        const id = await repo.insertRoom({ title: body.title, isSecret: body.isSecret, pwdHash, masterUserId: userId, categoryId: body.categoryId, tags, at }, t);
        if (!(await repo.takeSeat(id, userId, at, t))) throw new AppError('ROOM_FULL', '인원이 모두 찼습니다.');
        return id;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('CONFLICT', '이미 존재하는 방 제목입니다.');
      throw err;
    }
    events.emit('member-entered', { roomId, userId, categoryId: body.categoryId, at: at.getTime() });
    return mustFindDetail(roomId);
  }

  async function checkPassword(userId: number, roomId: number, pwd: string): Promise<{ ticket: string }> {
    const room = await repo.findRecord(roomId);
    if (!room) throw new AppError('NOT_FOUND', '존재하지 않는 방입니다.');
    if (room.isSecret && !(await passwords.matches(pwd, room.pwdHash))) {
      throw new AppError('WRONG_ROOM_PASSWORD', '비밀번호가 일치하지 않습니다.');
    }
    return { ticket: tokens.issueRoomTicket(userId, roomId) };
  }

  async function enter(userId: number, roomId: number, proof: { pwd?: string | null; ticket?: string | null }): Promise<RoomDetail> {
    const room = await repo.findRecord(roomId);
    if (!room) throw new AppError('NOT_FOUND', '존재하지 않는 방입니다.');
    if (await repo.isMember(roomId, userId)) return mustFindDetail(roomId);
    if (room.isSecret) {
      const ok =
        (proof.ticket && tokens.ticketIsValid(proof.ticket, userId, roomId)) ||
        (proof.pwd && (await passwords.matches(proof.pwd, room.pwdHash)));
      if (!ok) throw new AppError('WRONG_ROOM_PASSWORD', '비밀번호가 일치하지 않습니다.');
    }
    if (room.participantCnt >= room.capacity) throw new AppError('ROOM_FULL', '인원이 모두 찼습니다.');
    await leaveCurrentRoom(userId, roomId);
    const at = new Date(clock.now());
    const outcome = await db
      .tx(async (t) => {
        if (!(await repo.findRecord(roomId, t, { forUpdate: true }))) return 'gone' as const;
        if (await repo.isMember(roomId, userId, t)) return 'already' as const;
        return (await repo.takeSeat(roomId, userId, at, t)) ? ('seated' as const) : ('full' as const);
      })
      .catch((err: unknown) => {
        // The same user entering twice at once: the membership key lets one in; the other is idempotent.
        if (isUniqueViolation(err)) return 'already' as const;
        throw err;
      });
    if (outcome === 'gone') throw new AppError('NOT_FOUND', '존재하지 않는 방입니다.');
    if (outcome === 'full') throw new AppError('ROOM_FULL', '인원이 모두 찼습니다.');
    if (outcome === 'seated') events.emit('member-entered', { roomId, userId, categoryId: room.categoryId, at: at.getTime() });
    return mustFindDetail(roomId);
  }

  /**
   * Ends a membership: the longest-present remaining member becomes master if the master left, and an
   * empty room is deleted, all in one transaction.
   */
  async function leave(userId: number, roomId: number, reason: LeaveReason): Promise<MemberLeft> {
    const at = clock.now();
    const result = await db.tx(async (t) => {
      const room = await repo.findRecord(roomId, t, { forUpdate: true });
      if (!room) return null;
      const remaining = await repo.removeMember(roomId, userId, t);
      if (!remaining) return null;
      if (remaining.length === 0) {
        await repo.deleteRoom(roomId, t);
        return { roomDeleted: true, masterUserId: null };
      }
      let master = room.masterUserId;
      if (master === userId) {
        master = remaining[0]!.userId;
        await repo.setMaster(roomId, master, t);
      }
      return { roomDeleted: false, masterUserId: master };
    });
    if (!result) throw new AppError('NOT_FOUND', '참여하고 있지 않은 방입니다.');
    const left: MemberLeft = { roomId, userId, reason, at, ...result };
    events.emit('member-left', left);
    return left;
  }

  async function list(filter: RoomFilter, page: number): Promise<RoomSummary[]> {
    return repo.list(filter, pageWindow(page));
  }

  return { create, checkPassword, enter, leave, list, detail: mustFindDetail, membershipOf: repo.membershipOf, isMember: repo.isMember, findRecord: repo.findRecord, allMemberships: repo.allMemberships };
}
export type RoomsService = ReturnType<typeof createRoomsService>;
