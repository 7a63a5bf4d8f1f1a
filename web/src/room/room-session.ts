import type { User } from '../api';
import { mediaFlags, stopTracks } from './local-media';
import { patchMember } from './members';
import { createPeerCalls } from './peer-calls';
import { createRoomCommands } from './room-commands';
import { listenToRoom } from './room-events';
import { keepJoined, openRoomSocket } from './room-socket';
import { createRoomStore, initialRoomState } from './room-state';
import { createTileEmojis } from './tile-emojis';

export type { RoomState } from './room-state';

export type RoomSessionOptions = {
  roomId: number;
  user: User;
  token: string;
  localStream: MediaStream | null;
  /** Takes the seat over REST again (entering is idempotent). */
  reenter(): Promise<unknown>;
  texts: { left(nickname: string): string; joined(nickname: string): string };
};

/**
 * One browser's presence in one room: the socket and its rejoins, the WebRTC mesh and the snapshot the room
 * page renders, composed from one module per job.
 */
export function createRoomSession({ roomId, user, token, localStream, reenter, texts }: RoomSessionOptions) {
  const store = createRoomStore(initialRoomState(mediaFlags(localStream)));
  const socket = openRoomSocket(token);
  const emojis = createTileEmojis(store);
  let messageSeq = 0;
  const nextKey = () => `m${++messageSeq}`;
  const peers = createPeerCalls({
    socket,
    localStream,
    isMember: (peerId) => store.getState().members.some((m) => m.socketId === peerId),
    onStream: (peerId, stream) => store.update((s) => ({ members: patchMember(s.members, peerId, { stream }) })),
    onPeerState: (peerId, peerState) => store.update((s) => ({ members: patchMember(s.members, peerId, { peerState }) })),
  });
  const stopJoining = keepJoined(socket, {
    roomId,
    reenter,
    onConnect() {
      peers.closeAll();
      store.update((s) => ({ socketId: socket.id ?? null, members: [], status: s.status === 'refused' ? 'refused' : 'connecting' }));
    },
    onDisconnect() {
      const { status } = store.getState();
      if (status === 'joined' || status === 'connecting') store.update({ status: 'reconnecting' });
    },
    onRefused: (refusal) => store.update({ status: 'refused', refusal }),
  });
  listenToRoom({ socket, store, peers, emojis, userId: user.id, nextKey, texts });

  const commands = createRoomCommands({ socket, store, user, localStream, emojis, nextKey });
  let gone = false;

  return {
    localStream,
    getState: store.getState,
    subscribe: store.subscribe,
    ...commands,
    /**
     * The page is closing, or the user went Back: leave now so the others' tiles go at once, not after the
     * reconnect grace. `quit room` if the socket is up, and a REST leave that outlives the page (keepalive).
     */
    leaveForGood(alreadyLeft = false) {
      if (gone) return;
      gone = true;
      if (alreadyLeft) return;
      commands.leave();
      void fetch(`/api/room/${roomId}/user/${user.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` }, keepalive: true }).catch(() => undefined);
    },
    dispose() {
      stopJoining();
      emojis.dispose();
      peers.closeAll();
      socket.removeAllListeners();
      socket.disconnect();
      stopTracks(localStream);
    },
  };
}
export type RoomSession = ReturnType<typeof createRoomSession>;
