import type { IceServer } from '../contract/events';
import { peerNotFound, peerNotInRoom } from '../errors';
import { currentMember, memberInfo } from '../realtime/live-member';
import type { RoomStore } from '../realtime/room-store';
import type { Connection, IoServer, IoSocket, SocketFeature } from '../realtime/socket-types';
import type { Clock } from '../shared/clock';
import { IceCandidateSchema, ReturningSignalSchema, SendSignalSchema } from './signaling.schema';

type SignalingDeps = {
  io: Pick<IoServer, 'to' | 'in'>;
  store: Pick<RoomStore, 'getMember' | 'members'>;
  /** ICE servers (with TURN credentials) for one user at one moment. */
  iceServersFor: (userId: number, nowMs: number) => IceServer[];
  /** How often a member gets fresh credentials; null when they do not expire (no TURN_SECRET). */
  refreshEveryMs: number | null;
  clock: Pick<Clock, 'now' | 'setInterval' | 'clearTimer'>;
};

/**
 * WebRTC signaling relay (simple-peer, trickle off: one offer and one answer per pair; the with-me client
 * also trickles `ice candidate`s and renegotiates (ICE restart) over the same two events). The server
 * forwards the opaque signal only between two sockets that speak for members of the same room, and the
 * caller is always the sending socket, never a payload field.
 */
export function createSignalingSockets({ io, store, iceServersFor, refreshEveryMs, clock }: SignalingDeps): SocketFeature {
  /** TURN credentials expire: a socket in a room gets new ones before its old ones run out. */
  function refreshCredentials(socket: IoSocket): void {
    if (refreshEveryMs === null) return;
    const timer = clock.setInterval(() => {
      if (socket.data.roomId !== undefined) socket.emit('ice servers', { iceServers: iceServersFor(socket.data.userId, clock.now()) });
    }, refreshEveryMs);
    socket.on('disconnect', () => clock.clearTimer(timer));
  }

  async function peerInMyRoom(socket: IoSocket, targetSocketId: string) {
    const me = await currentMember(store, socket);
    const target = (await store.members(me.roomId)).find((m) => m.socketId === targetSocketId && m.userId !== me.userId);
    if (target?.socketId) return { me, targetSocketId: target.socketId };
    const exists = (await io.in(targetSocketId).fetchSockets()).length > 0;
    throw exists ? peerNotInRoom() : peerNotFound();
  }

  function register({ socket, limiters, onEvent }: Connection): void {
    refreshCredentials(socket);
    const limits = { limiters: [limiters.all, limiters.signal] };
    onEvent(socket, 'send signal', SendSignalSchema, async ({ userToSignal, signal }) => {
      const { me, targetSocketId } = await peerInMyRoom(socket, userToSignal);
      io.to(targetSocketId).emit('user joined', { signal, callerId: socket.id, callerNickname: me.nickname, userInfo: memberInfo(me) });
    }, limits);

    onEvent(socket, 'returning signal', ReturningSignalSchema, async ({ callerId, signal }) => {
      const { targetSocketId } = await peerInMyRoom(socket, callerId);
      io.to(targetSocketId).emit('receive returned signal', { signal, id: socket.id });
    }, limits);

    // Trickle ICE: candidates follow the offer or answer as they are found, so a call need not wait for gathering.
    onEvent(socket, 'ice candidate', IceCandidateSchema, async ({ to, candidate }) => {
      const { targetSocketId } = await peerInMyRoom(socket, to);
      io.to(targetSocketId).emit('ice candidate', { from: socket.id, candidate });
    }, limits);
  }

  return { name: 'signaling', register };
}
