import type { IceServer } from '../contract/events';
import { notAMember, notJoined, roomFull, roomNotFound, tokenNoLongerValid } from '../errors';
import type { RoomsService } from '../rooms/rooms.service';
import type { UsersService } from '../users/users.service';
import { memberInfo } from '../realtime/live-member';
import { NO_ACK } from '../realtime/on-event';
import { IgnoredPayloadSchema } from '../realtime/payloads';
import type { LiveMember, RoomStore } from '../realtime/room-store';
import { roomChannel, type Connection, type IoServer, type IoSocket } from '../realtime/socket-types';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { timerMessage } from '../timer/room-timer';
import type { GraceChecks } from './grace-checks';
import { JoinRoomSchema } from './membership.schema';
import type { PresenceEvents } from './presence-events';
import type { LastKnownMembers } from './restore';

export type MembershipSocketDeps = {
  io: Pick<IoServer, 'in'>;
  store: RoomStore;
  rooms: Pick<RoomsService, 'isMember' | 'findRecord' | 'membershipOf'>;
  users: Pick<UsersService, 'findById' | 'masterBadgeOf'>;
  presenceEvents: Pick<PresenceEvents, 'emit'>;
  graceChecks: Pick<GraceChecks, 'schedule' | 'leaveQuietly'>;
  lastKnown: Pick<LastKnownMembers, 'remember'>;
  /** ICE servers (with TURN credentials) for one user at one moment. */
  iceServersFor: (userId: number, nowMs: number) => IceServer[];
  clock: Pick<Clock, 'now'>;
  log: Logger;
  /** True once the process is stopping: a disconnect then is the shutdown's, not a drop with a grace. */
  isStopping: () => boolean;
};

/**
 * `join room`, `quit room` and dropped connections. A user enters over REST first; `join room` makes this
 * socket speak for that membership and starts a presence. Every leave goes through rooms.leave, whose
 * `member-left` event does the socket side, so REST and sockets agree.
 */
export function createMembershipSockets(deps: MembershipSocketDeps) {
  const { io, store, rooms, users, presenceEvents, graceChecks, lastKnown, iceServersFor, clock, log, isStopping } = deps;

  async function join(socket: IoSocket, roomId: number): Promise<LiveMember> {
    const userId = socket.data.userId;
    const room = await rooms.findRecord(roomId);
    if (!room) throw roomNotFound();
    if (!(await rooms.isMember(roomId, userId))) throw notAMember();
    const others = (await store.members(roomId)).filter((m) => m.userId !== userId);
    if (others.length >= room.capacity) throw roomFull();
    const user = await users.findById(userId);
    if (!user) throw tokenNoLongerValid();
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
      throw notAMember();
    }
    if (replaced?.socketId && replaced.socketId !== socket.id) io.in(replaced.socketId).disconnectSockets(true);
    const previousRoom = socket.data.roomId;
    if (previousRoom !== undefined && previousRoom !== roomId) await socket.leave(roomChannel(previousRoom));
    await socket.join(roomChannel(roomId));
    socket.data.roomId = roomId;
    lastKnown.remember(member);
    // Back inside the grace: the others' tiles stop saying "reconnecting" (its offers follow from `send users`).
    if (replaced && replaced.socketId === null) socket.to(roomChannel(roomId)).emit('member connection', { userId, socketId: socket.id, state: 'connected' });
    // A reconnect inside the grace continues the same presence; only a first join starts one. The reconnect
    // may land on another process than the one that recorded the presence (it died): that one's recorder
    // takes the entry over (a no-op where it already holds it).
    const presence = { userId, roomId, categoryId: room.categoryId, at: clock.now() };
    presenceEvents.emit(replaced ? 'presence-resumed' : 'presence-started', presence);
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
      iceServers: iceServersFor(member.userId, now),
    });
  }

  function onDisconnect(socket: IoSocket): void {
    const roomId = socket.data.roomId;
    if (isStopping() || roomId === undefined) return;
    const userId = socket.data.userId;
    store
      .patchMember(roomId, userId, socket.id, { socketId: null, detachedAt: clock.now() })
      .then((detached) => {
        if (!detached) return;
        graceChecks.schedule(roomId, userId);
        // The others see the drop at once; `user left` follows if the grace runs out.
        io.in(roomChannel(roomId)).emit('member connection', { userId, socketId: socket.id, state: 'reconnecting' });
      })
      .catch((err: unknown) => {
        log.warn({ err, roomId }, 'could not mark a dropped socket; checking after the grace');
        graceChecks.schedule(roomId, userId);
      });
  }

  function register({ socket, limiters, onEvent }: Connection): void {
    const all = { limiters: [limiters.all] };
    onEvent(socket, 'join room', JoinRoomSchema, async ({ roomId }): Promise<typeof NO_ACK> => {
      const member = await join(socket, roomId);
      await sendUsers(socket, member);
      return NO_ACK;
    }, all);

    onEvent(socket, 'quit room', IgnoredPayloadSchema, async () => {
      // The DB knows the user's one room, also for the original main page's cleanup from a fresh socket.
      const roomId = (await rooms.membershipOf(socket.data.userId))?.roomId;
      if (roomId === undefined) throw notJoined();
      await graceChecks.leaveQuietly(socket.data.userId, roomId, 'socket');
      socket.data.roomId = undefined;
    }, all);

    // Minutes are measured by the server; the original client's report is accepted and dropped.
    onEvent(socket, 'save_time', IgnoredPayloadSchema, () => undefined, all);

    socket.on('disconnect', () => onDisconnect(socket));
  }

  return { register };
}
