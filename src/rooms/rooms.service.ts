import { AppError, isUniqueViolation, notInRoom, roomFull, roomNotFound, roomTitleTaken, wrongRoomPassword } from '../errors';
import type { Passwords } from '../auth/passwords';
import type { Tokens } from '../auth/tokens';
import type { Transaction } from 'sequelize';
import type { Db } from '../db/sequelize';
import type { Clock } from '../shared/clock';
import { createPacedQueue } from '../shared/paced-queue';
import { ROOM_CHECK_TTL_MS, type PasswordChecks } from './room-password-checks';
import type { LeaveReason, MemberLeft, RoomEvents } from './room-events';
import type { RoomDetail, RoomFilter, RoomRecord, RoomsRepo, RoomSummary } from './rooms.repo';
import { pageWindow, type CreateRoomBody } from './rooms.schema';

type RoomsServiceDeps = {
  db: Pick<Db, 'tx'>;
  repo: RoomsRepo;
  passwords: Passwords;
  tokens: Pick<Tokens, 'issueRoomTicket' | 'ticketIsValid'>;
  events: RoomEvents;
  clock: Clock;
  /** Passed password checks, for entries that come without a ticket (the original client's). */
  passwordChecks: Pick<PasswordChecks, 'remember' | 'passed'>;
};

/** A move starts over when a concurrent request of the same user moved them first; this bounds it. */
const MOVE_ATTEMPTS = 3;

/**
 * Rooms and their membership. Every change of membership goes through `enter` or `leave`, in one
 * transaction, and is then published on `events`, so REST, sockets and participation never disagree.
 */
export function createRoomsService({ db, repo, passwords, tokens, events, clock, passwordChecks }: RoomsServiceDeps) {
  // bcrypt runs on libuv's threads and the same cores as every log-in: secret rooms made in parallel hash
  // one at a time, resting three times as long as each hash took, so however many arrive at once they take
  // at most a quarter of one core (a few a second at production cost) and log-ins keep theirs.
  const roomHashing = createPacedQueue({ share: 0.25, maxWaiting: 64, clock });

  async function mustFindDetail(roomId: number): Promise<RoomDetail> {
    const room = await repo.detail(roomId);
    if (!room) throw roomNotFound();
    return room;
  }

  /**
   * The leave itself, inside the caller's transaction: the longest-present remaining member becomes master
   * if the master left, and an empty room is deleted. Null when the user is not a member (or the room is gone).
   */
  async function leaveWithin(t: Transaction, userId: number, roomId: number): Promise<Pick<MemberLeft, 'roomDeleted' | 'masterUserId'> | null> {
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
  }

  /**
   * A user belongs to one room at a time, so taking a seat elsewhere moves them. `takeSeat` runs in the same
   * transaction as the leave of their current room: if it throws (room full, gone, title taken, a DB error)
   * both roll back and the user is still where they were; a user is never left in no room. Returns what
   * `takeSeat` returned and the committed leave, for the caller to publish (nothing is published before commit).
   *
   * The user's current room is read before the transaction so both rooms can be locked first, in id order
   * (two users swapping rooms wait for each other instead of deadlocking), and read again under the locks:
   * if a concurrent request of the same user moved them meanwhile, the move starts over from where they are.
   * `takeSeat` gets what was read under those locks: the target room (null when it is gone) and whether the
   * user is already in it, so it need not read either again.
   */
  async function moveInto<T>(
    userId: number,
    targetRoomId: number | null,
    at: Date,
    takeSeat: (t: Transaction, locked: { target: RoomRecord | null; alreadyIn: boolean }) => Promise<T>,
  ): Promise<{ seat: T; left: MemberLeft | null }> {
    for (let attempt = 1; ; attempt++) {
      const from = (await repo.membershipOf(userId))?.roomId ?? null;
      const moved = await db
        .tx(async (t) => {
          const toLock = [...new Set([from, targetRoomId])].filter((id): id is number => id !== null).sort((x, y) => x - y);
          const lockedRooms = new Map<number, RoomRecord | null>();
          for (const id of toLock) lockedRooms.set(id, await repo.findRecord(id, t, { forUpdate: true }));
          if (((await repo.membershipOf(userId, t))?.roomId ?? null) !== from) return null;
          const left = from !== null && from !== targetRoomId ? await leaveWithin(t, userId, from) : null;
          const target = targetRoomId === null ? null : (lockedRooms.get(targetRoomId) ?? null);
          return { seat: await takeSeat(t, { target, alreadyIn: from !== null && from === targetRoomId }), left };
        })
        .catch((err: unknown) => {
          // The same user seated elsewhere by a concurrent request: the one-room-per-user key refused this one.
          if (isUniqueViolation(err, 'room_members')) return null;
          throw err;
        });
      if (moved) {
        const left: MemberLeft | null = moved.left && from !== null ? { roomId: from, userId, reason: 'moved', at: at.getTime(), ...moved.left } : null;
        return { seat: moved.seat, left };
      }
      if (attempt >= MOVE_ATTEMPTS) throw new AppError('CONFLICT', '다른 요청과 겹쳤습니다. 다시 시도해 주세요.');
    }
  }

  async function create(userId: number, body: CreateRoomBody): Promise<RoomDetail> {
    // The cheap checks first (the body was validated by the router): a refused creation costs no hash.
    if (!(await repo.categoryExists(body.categoryId))) throw new AppError('VALIDATION', 'categoryId: 존재하지 않는 카테고리입니다.');
    if (await repo.titleTaken(body.title)) throw roomTitleTaken();
    const pwd = body.isSecret ? body.pwd : null;
    const pwdHash = pwd ? await roomHashing.run(() => passwords.hash(pwd)) : null;
    const tags = [...new Set(body.tags)];
    const at = new Date(clock.now());
    const { seat: roomId, left } = await moveInto(userId, null, at, async (t) => {
      const id = await repo
        .insertRoom({ title: body.title, isSecret: body.isSecret, pwdHash, masterUserId: userId, categoryId: body.categoryId, tags, at }, t)
        .catch((err: unknown) => {
          // Another room took the title between the check and this insert.
          if (isUniqueViolation(err, 'rooms')) throw roomTitleTaken();
          throw err;
        });
      if (!(await repo.takeSeat(id, userId, at, t))) throw roomFull();
      return id;
    });
    if (left) events.emit('member-left', left);
    events.emit('member-entered', { roomId, userId, categoryId: body.categoryId, at: at.getTime() });
    return mustFindDetail(roomId);
  }

  /**
   * Every guess costs one bcrypt compare, whether the room is secret, open or missing (`matches` burns one
   * against a dummy hash when there is no hash), so the answer's timing says nothing the status does not.
   */
  async function checkPassword(userId: number, roomId: number, pwd: string): Promise<{ ticket: string }> {
    const room = await repo.findRecord(roomId);
    // One compare whatever the room: a missing or open room costs what a secret one does.
    const ok = await passwords.matches(pwd, room?.isSecret ? room.pwdHash : null);
    if (!room) throw roomNotFound();
    if (room.isSecret) {
      if (!ok) throw wrongRoomPassword();
      await passwordChecks.remember(userId, roomId);
    }
    return { ticket: tokens.issueRoomTicket(userId, roomId, ROOM_CHECK_TTL_MS / 1000) };
  }

  async function enter(userId: number, roomId: number, proof: { pwd?: string | null; ticket?: string | null }): Promise<RoomDetail> {
    const room = await repo.findRecord(roomId);
    if (!room) {
      // A password guess at a missing room costs what one at a real room costs (see checkPassword).
      if (proof.pwd) await passwords.matches(proof.pwd, null);
      throw roomNotFound();
    }
    if (await repo.isMember(roomId, userId)) return mustFindDetail(roomId);
    if (room.isSecret) {
      const ok =
        (proof.ticket && tokens.ticketIsValid(proof.ticket, userId, roomId)) ||
        (proof.pwd && (await passwords.matches(proof.pwd, room.pwdHash))) ||
        (await passwordChecks.passed(userId, roomId));
      if (!ok) throw wrongRoomPassword();
    }
    if (room.participantCnt >= room.capacity) throw roomFull();
    const at = new Date(clock.now());
    // The checks above are repeated under the room's lock: it may have filled up or gone meanwhile.
    const { seat, left } = await moveInto(userId, roomId, at, async (t, { target, alreadyIn }) => {
      if (!target) throw roomNotFound();
      if (alreadyIn) return 'already' as const;
      if (!(await repo.takeSeat(roomId, userId, at, t))) throw roomFull();
      return 'seated' as const;
    });
    if (left) events.emit('member-left', left);
    if (seat === 'seated') events.emit('member-entered', { roomId, userId, categoryId: room.categoryId, at: at.getTime() });
    return mustFindDetail(roomId);
  }

  /** Ends a membership in one transaction (see `leaveWithin`), then publishes it. */
  async function leave(userId: number, roomId: number, reason: LeaveReason): Promise<MemberLeft> {
    const at = clock.now();
    const result = await db.tx((t) => leaveWithin(t, userId, roomId));
    if (!result) throw notInRoom();
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
