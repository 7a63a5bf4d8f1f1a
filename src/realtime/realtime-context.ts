import type { Server, Socket } from 'socket.io';
import type { Config } from '../config';
import type { ClientToServerEvents, InterServerEvents, MemberInfo, ServerToClientEvents, SocketData } from '../contract/events';
import { AppError } from '../errors';
import type { RoomsService } from '../rooms/rooms.service';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { andThen, type MaybePromise } from '../shared/maybe-promise';
import type { UsersService } from '../users/users.service';
import type { PresenceEvents } from './presence-events';
import type { OnEvent } from './on-event';
import type { LiveMember, RoomStore } from './room-store';
import type { TokenBucket } from './token-bucket';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export type SocketLimiters = { all: TokenBucket; chat: TokenBucket; emoji: TokenBucket; signal: TokenBucket; timer: TokenBucket };

/** What every socket feature (membership, chat, signaling, timer) is built from. */
export type RealtimeContext = {
  io: IoServer;
  store: RoomStore;
  rooms: Pick<RoomsService, 'isMember' | 'findRecord' | 'leave' | 'membershipOf' | 'allMemberships'>;
  users: Pick<UsersService, 'findById' | 'masterBadgeOf'>;
  presenceEvents: PresenceEvents;
  config: Config;
  clock: Clock;
  log: Logger;
  onEvent: OnEvent;
};

export const MAX_MEMBERS = 4;

/** The Socket.IO room that carries one with-me room's broadcasts (on every process, through the adapter). */
export const roomChannel = (roomId: number) => `room:${roomId}`;
/** Every socket of one user joins this, so a newer connection can find and replace the older one anywhere. */
export const userChannel = (userId: number) => `user:${userId}`;

export function memberInfo(m: LiveMember): MemberInfo {
  return {
    roomId: m.roomId,
    id: m.userId,
    nickname: m.nickname,
    profileImg: m.profileImg,
    masterBadge: m.masterBadge,
    statusMsg: m.statusMsg,
    socketId: m.socketId,
    audio: m.audio,
    video: m.video,
  };
}

/**
 * The room this socket currently speaks for. The store, not the socket, is the authority: a REST leave or
 * a newer connection handled by another process changes the store, and this socket then has no room.
 * Synchronous on the in-process store (it throws NOT_IN_ROOM), a promise on Redis (it rejects).
 */
export function currentMember(ctx: Pick<RealtimeContext, 'store'>, socket: IoSocket): MaybePromise<LiveMember> {
  const roomId = socket.data.roomId;
  if (roomId === undefined) throw notInRoom();
  return andThen(ctx.store.getMember(roomId, socket.data.userId), (member) => {
    if (!member || member.socketId !== socket.id) throw notInRoom();
    return member;
  });
}

const notInRoom = () => new AppError('NOT_IN_ROOM', 'Join a room first');
