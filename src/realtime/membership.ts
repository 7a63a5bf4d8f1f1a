import { AppError } from '../errors';
import type { LeaveReason, MemberLeft } from '../rooms/room-events';
import { createGraceQueue, type MembershipKey } from './grace-queue';
import { iceServersFor } from './ice';
import { NO_ACK, type HandlerResult } from './on-event';
import type { LiveMember } from './room-store';
import { timerMessage } from './room-timer';
import { currentMember, MAX_MEMBERS, memberInfo, roomChannel, type IoSocket, type RealtimeContext, type SocketLimiters } from './realtime-context';
import { IgnoredPayloadSchema, JoinRoomSchema, MediaStateSchema } from './schemas';

type MembershipDeps = RealtimeContext & {
  /** Called when a room empties, so the timer feature drops its local countdown. */
  forgetRoom: (roomId: number) => void;
};

/**
 * Who is in which room, as sockets see it: `join room`, `quit room`, `media state`, dropped connections
 * and their grace, and the presence events participation records. Every leave goes through
 * rooms.leave, and the socket side of every leave happens in `onMemberLeft`, so REST and sockets agree.
 */
export function createMembership(ctx: MembershipDeps) {
  const { io, store, rooms, users, presenceEvents, config, clock, log, onEvent } = ctx;
  const graceChecks = createGraceQueue({ check: ({ roomId, userId }) => graceCheck(roomId, userId), log });
  let sweepTimer: NodeJS.Timeout | undefined;
  let sweeping = false;
  let stopped = false;

  async function leaveQuietly(userId: number, roomId: number, reason: LeaveReason): Promise<void> {
    try {
      await rooms.leave(userId, roomId, reason);
    } catch (err) {
      // The member already left by another path (REST, another process): nothing left to do.
      if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
    }
  }

  /**
   * Ends the membership unless a socket speaks for the user by then. The member's `detachedAt` rather than
   * this timer decides, so an older check never cuts short the grace of a later drop.
   */
  async function graceCheck(roomId: number, userId: number): Promise<void> {
    const member = await store.getMember(roomId, userId);
    if (member?.socketId) return;
    if (member?.detachedAt != null) {
      const left = member.detachedAt + config.reconnectGraceMs - clock.now();
      // A later drop is still in its grace, or this timer fired a hair early (timers and Date.now differ).
      if (left > 0) return scheduleGraceCheck(roomId, userId, left + 5);
    }
    if (!(await rooms.isMember(roomId, userId))) {
      // Another path ended the membership (a second check for the same drop, a REST leave, another process)
      // and its socket side may not have run yet: whichever removes the live entry first tells the room.
      if (member) await endLiveMember(roomId, userId, 'grace-expired', clock.now());
      return;
    }
    await leaveQuietly(userId, roomId, member ? 'grace-expired' : 'startup-cleanup');
  }

  function scheduleGraceCheck(roomId: number, userId: number, delayMs = config.reconnectGraceMs): void {
    graceChecks.schedule([{ roomId, userId }], delayMs);
  }

  /**
   * The socket side of a member's end: the live entry goes, the room hears `user left`, the presence ends.
   * The store's removal is atomic, so when two paths end one member only the first one to remove it speaks.
   */
  async function endLiveMember(roomId: number, userId: number, reason: LeaveReason, at: number): Promise<void> {
    const member = await store.removeMember(roomId, userId);
    if (!member) return;
    const channel = roomChannel(roomId);
    // With the Redis adapter socketsLeave lands later than a broadcast, so the leaver is also excluded.
    if (member.socketId) io.in(member.socketId).socketsLeave(channel);
    io.to(channel).except(member.socketId ?? []).emit('user left', { socketId: member.socketId, userInfo: memberInfo(member) });
    presenceEvents.emit('presence-ended', { userId, roomId, at, reason });
  }

  async function onMemberLeft(left: MemberLeft): Promise<void> {
    await endLiveMember(left.roomId, left.userId, left.reason, left.at);
    if (left.roomDeleted) {
      ctx.forgetRoom(left.roomId);
      await store.clearRoom(left.roomId);
    }
  }

  async function join(socket: IoSocket, roomId: number): Promise<LiveMember> {
    const userId = socket.data.userId;
    const room = await rooms.findRecord(roomId);
    if (!room) throw new AppError('NOT_FOUND', '존재하지 않는 방입니다.');
    if (!(await rooms.isMember(roomId, userId))) throw new AppError('NOT_IN_ROOM', 'Enter the room over REST first');
    const others = (await store.members(roomId)).filter((m) => m.userId !== userId);
    if (others.length >= MAX_MEMBERS) throw new AppError('ROOM_FULL', '인원이 모두 찼습니다.');
    const user = await users.findById(userId);
    if (!user) throw new AppError('UNAUTHENTICATED', '유효한 값의 토큰이 아닙니다.');
    const badge = await users.masterBadgeOf(user);
    const before = await store.getMember(roomId, userId);
    const member: LiveMember = {
      roomId,
      userId,
      socketId: socket.id,
      detachedAt: null,
      nickname: user.nickname,
      profileImg: user.profileImg,
      masterBadge: badge?.imageUrl ?? null,
      statusMsg: user.statusMsg,
      audio: before?.audio ?? true,
      video: before?.video ?? true,
    };
    const replaced = await store.putMember(member);
    // A REST leave may have run between the check and the write: never keep a live entry for a non-member.
    if (!(await rooms.isMember(roomId, userId))) {
      await store.removeMember(roomId, userId);
      throw new AppError('NOT_IN_ROOM', 'Enter the room over REST first');
    }
    if (replaced?.socketId && replaced.socketId !== socket.id) io.in(replaced.socketId).disconnectSockets(true);
    const previousRoom = socket.data.roomId;
    if (previousRoom !== undefined && previousRoom !== roomId) await socket.leave(roomChannel(previousRoom));
    await socket.join(roomChannel(roomId));
    socket.data.roomId = roomId;
    // A reconnect inside the grace continues the same presence; only a first join starts one.
    if (!replaced) presenceEvents.emit('presence-started', { userId, roomId, categoryId: room.categoryId, at: clock.now() });
    return member;
  }

  async function sendUsers(socket: IoSocket, member: LiveMember): Promise<void> {
    const [members, timer, chatHistory] = await Promise.all([store.members(member.roomId), store.getTimer(member.roomId), store.chatHistory(member.roomId)]);
    const others = members.filter((m) => m.userId !== member.userId && m.socketId);
    const now = clock.now();
    socket.emit('send users', {
      otherSockets: others.map((m) => ({ socketId: m.socketId!, nickname: m.nickname })),
      otherUsers: others.map(memberInfo),
      timer: timerMessage(member.roomId, timer, now),
      chatHistory,
      iceServers: iceServersFor(config.ice, member.userId, now),
    });
  }

  function register(socket: IoSocket, limiters: SocketLimiters): void {
    const all = [limiters.all];
    onEvent(socket, 'join room', JoinRoomSchema, async ({ roomId }): Promise<HandlerResult> => {
      const member = await join(socket, roomId);
      await sendUsers(socket, member);
      return NO_ACK;
    }, { limiters: all });

    onEvent(socket, 'quit room', IgnoredPayloadSchema, async () => {
      // The DB knows the user's one room, also for the original main page's cleanup from a fresh socket.
      const roomId = (await rooms.membershipOf(socket.data.userId))?.roomId;
      if (roomId === undefined) throw new AppError('NOT_IN_ROOM', 'Not in a room');
      await leaveQuietly(socket.data.userId, roomId, 'socket');
      socket.data.roomId = undefined;
    }, { limiters: all });

    onEvent(socket, 'media state', MediaStateSchema, async ({ audio, video }) => {
      const member = await currentMember(ctx, socket);
      const updated = await store.patchMember(member.roomId, member.userId, socket.id, { audio, video });
      if (!updated) throw new AppError('NOT_IN_ROOM', 'Join a room first');
      io.to(roomChannel(member.roomId)).emit('media state', { socketId: socket.id, userId: member.userId, audio, video });
    }, { limiters: all });

    // Minutes are measured by the server; the original client's report is accepted and dropped.
    onEvent(socket, 'save_time', IgnoredPayloadSchema, async () => undefined, { limiters: all });

    socket.on('disconnect', () => {
      const roomId = socket.data.roomId;
      if (stopped || roomId === undefined) return;
      store
        .patchMember(roomId, socket.data.userId, socket.id, { socketId: null, detachedAt: clock.now() })
        .then((detached) => {
          if (detached) scheduleGraceCheck(roomId, socket.data.userId);
        })
        .catch((err: unknown) => {
          log.warn({ err, roomId }, 'could not mark a dropped socket; checking after the grace');
          scheduleGraceCheck(roomId, socket.data.userId);
        });
    });
  }

  /**
   * Memberships in the database that no socket speaks for: no live entry in the room store, or one whose
   * socket dropped longer than the grace ago. Those already waiting for a bulk check are left out.
   */
  async function findUnattended(): Promise<{ absent: MembershipKey[]; lapsed: MembershipKey[] }> {
    const byRoom = new Map<number, number[]>();
    for (const { roomId, userId } of await rooms.allMemberships()) {
      const userIds = byRoom.get(roomId) ?? [];
      userIds.push(userId);
      byRoom.set(roomId, userIds);
    }
    const absent: MembershipKey[] = [];
    const lapsed: MembershipKey[] = [];
    for (const [roomId, userIds] of byRoom) {
      if (stopped) break;
      const live = new Map((await store.members(roomId)).map((m) => [m.userId, m]));
      const now = clock.now();
      for (const userId of userIds) {
        const key = { roomId, userId };
        const member = live.get(userId);
        if (member?.socketId || graceChecks.isBulkPending(key)) continue;
        // Still in its grace: the process that saw the drop has a check for it; if that process stopped
        // meanwhile, a later sweep finds the grace over.
        if (member?.detachedAt != null && member.detachedAt + config.reconnectGraceMs > now) continue;
        (member ? lapsed : absent).push(key);
      }
    }
    return { absent, lapsed };
  }

  /**
   * Memberships no socket speaks for (a crash, a restart, a stopped process, a REST entry never followed
   * by `join room`) end through the one grace-check path, so REST, sockets and presence records agree, and
   * through the bounded queue, so thousands of them do not stall REST. One with no live entry gets a full
   * grace first: it may be a fresh REST entry, or a member whose client is reconnecting somewhere.
   */
  async function checkUnattendedMemberships(): Promise<void> {
    const { absent, lapsed } = await findUnattended();
    graceChecks.schedule(absent, config.reconnectGraceMs, { bulk: true });
    graceChecks.schedule(lapsed, 0, { bulk: true });
  }

  /**
   * With REDIS_URL, a process that stops gracefully ends its sockets' presences but leaves their
   * memberships, and its grace timers stop with it: every live process sweeps now and then, so those
   * memberships end even if nobody starts a process again. Two sweeps at once are harmless (a check re-reads
   * everything and a second leave is NOT_FOUND). Without Redis there is one process, whose every socketless
   * membership already has a check pending (REST entry, drop, start), and its in-process store cannot see
   * another process's sockets, so a sweep could only add work or, with a second process on the same
   * database, end members who are connected there.
   */
  function startSweeping(): void {
    if (!config.redisUrl || stopped) return;
    sweepTimer = setInterval(() => {
      if (sweeping || stopped) return;
      sweeping = true;
      const sweep = checkUnattendedMemberships()
        .catch((err: unknown) => log.warn({ err }, 'membership sweep failed; the next one retries'))
        .finally(() => {
          sweeping = false;
        });
      graceChecks.track(sweep);
    }, config.membershipSweepMs);
    sweepTimer.unref();
  }

  /** On shutdown: every presence held by this process's sockets ends now; memberships wait for a reconnect. */
  async function stop(): Promise<void> {
    stopped = true;
    clearInterval(sweepTimer);
    await graceChecks.stop();
    const at = clock.now();
    for (const socket of io.of('/').sockets.values()) {
      const roomId = socket.data.roomId;
      if (roomId === undefined) continue;
      const member = await Promise.resolve(store.getMember(roomId, socket.data.userId)).catch(() => null);
      if (member?.socketId !== socket.id) continue;
      await store.removeMember(roomId, socket.data.userId).catch(() => null);
      presenceEvents.emit('presence-ended', { userId: socket.data.userId, roomId, at, reason: 'shutdown' });
    }
  }

  return { register, onMemberLeft, scheduleGraceCheck, checkUnattendedMemberships, startSweeping, stop };
}
export type Membership = ReturnType<typeof createMembership>;
