import type { Emoji } from '../../../src/contract/events';
import type { User } from '../api';
import { clockTime, outgoingText, stampEntry, withoutEntry } from './chat-log';
import { enableTracks, mediaFlags, stopTracks, type MediaKind } from './local-media';
import { patchMember } from './members';
import { createPeerCalls } from './peer-calls';
import { listenToRoom } from './room-events';
import { keepJoined, openRoomSocket, type RoomSocket } from './room-socket';
import { createRoomStore, initialRoomState, type RoomStore } from './room-state';
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

type ChatDeps = { socket: RoomSocket; store: RoomStore; user: User; nextKey(): string };

/** Shown at once with the local time; the server's acknowledgement brings the time everyone else sees. */
function sendMessage({ socket, store, user, nextKey }: ChatDeps, draft: string) {
  const message = outgoingText(draft);
  if (!message) return;
  const key = nextKey();
  socket.emit('send_message', { message }, (res) => {
    if (!res.ok) return store.update((s) => ({ chat: withoutEntry(s.chat, key), notice: res.msg }));
    const time = (res.message as { time?: string } | undefined)?.time;
    if (time) store.update((s) => ({ chat: stampEntry(s.chat, key, time) }));
  });
  store.update((s) => ({ chat: [...s.chat, { key, sender: user.nickname, message, time: clockTime(new Date()), userId: user.id, mine: true }] }));
}

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
    onDisconnect: () => store.update((s) => (s.status === 'joined' || s.status === 'connecting' ? { status: 'reconnecting' } : {})),
    onRefused: (refusal) => store.update({ status: 'refused', refusal }),
  });
  listenToRoom({ socket, store, peers, emojis, userId: user.id, nextKey, texts });

  function setMedia(kind: MediaKind, enabled: boolean) {
    enableTracks(localStream, kind, enabled);
    store.update({ [kind]: enabled });
    const { audio, video } = store.getState();
    socket.emit('media state', { audio, video });
  }

  return {
    localStream,
    getState: store.getState,
    subscribe: store.subscribe,
    sendMessage: (draft: string) => sendMessage({ socket, store, user, nextKey }, draft),
    sendEmoji(emoji: Emoji) {
      socket.emit('send_emoji', { emoji });
      if (socket.id) emojis.show(socket.id, emoji);
    },
    toggleAudio: () => setMedia('audio', !store.getState().audio),
    toggleVideo: () => setMedia('video', !store.getState().video),
    startTimer: (hours: number, minutes: number, seconds: number) => socket.emit('start_timer', { hours, minutes, seconds }),
    pauseTimer: () => socket.emit('stop_time'),
    resumeTimer: () => socket.emit('resume_timer'),
    resetTimer: () => socket.emit('reset_time'),
    clearNotice: () => store.update({ notice: null }),
    /** `quit room` tells the others at once; the REST leave makes it stick even if the socket is already gone. */
    leave() {
      if (socket.connected) socket.emit('quit room');
      store.update({ status: 'left' });
    },
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
