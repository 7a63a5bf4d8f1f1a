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
  keepJoined(socket, {
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

  return {
    localStream,
    getState: store.getState,
    subscribe: store.subscribe,
    ...createRoomCommands({ socket, store, user, localStream, emojis, nextKey }),
    dispose() {
      emojis.dispose();
      peers.closeAll();
      socket.removeAllListeners();
      socket.disconnect();
      stopTracks(localStream);
    },
  };
}
export type RoomSession = ReturnType<typeof createRoomSession>;
