import { AppError } from '../errors';
import { currentMember, memberInfo, type IoSocket, type RealtimeContext, type SocketLimiters } from '../realtime/realtime-context';
import { ReturningSignalSchema, SendSignalSchema } from '../realtime/schemas';

/**
 * WebRTC signaling relay (simple-peer, trickle off: one offer and one answer per pair). The server
 * forwards the opaque signal only between two sockets that speak for members of the same room, and the
 * caller is always the sending socket, never a payload field.
 */
export function createSignalingSockets(ctx: RealtimeContext) {
  const { io, store, onEvent } = ctx;

  async function peerInMyRoom(socket: IoSocket, targetSocketId: string) {
    const me = await currentMember(ctx, socket);
    const target = (await store.members(me.roomId)).find((m) => m.socketId === targetSocketId && m.userId !== me.userId);
    if (target) return { me, target };
    const exists = (await io.in(targetSocketId).fetchSockets()).length > 0;
    throw exists ? new AppError('NOT_IN_ROOM', 'That peer is not in your room') : new AppError('NOT_FOUND', 'No such peer');
  }

  function register(socket: IoSocket, limiters: SocketLimiters): void {
    const limits = { limiters: [limiters.all, limiters.signal] };
    onEvent(socket, 'send signal', SendSignalSchema, async ({ userToSignal, signal }) => {
      const { me, target } = await peerInMyRoom(socket, userToSignal);
      io.to(target.socketId!).emit('user joined', { signal, callerId: socket.id, callerNickname: me.nickname, userInfo: memberInfo(me) });
    }, limits);

    onEvent(socket, 'returning signal', ReturningSignalSchema, async ({ callerId, signal }) => {
      const { target } = await peerInMyRoom(socket, callerId);
      io.to(target.socketId!).emit('receive returned signal', { signal, id: socket.id });
    }, limits);
  }

  return { register };
}
