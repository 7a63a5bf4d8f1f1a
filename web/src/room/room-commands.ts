import type { PomodoroPlan } from './timer-clock';
import type { Emoji } from '../../../src/contract/events';
import type { User } from '../api';
import { texts } from '../texts';
import { clockTime, outgoingText, stampEntry, withoutEntry } from './chat-log';
import { enableTracks, type MediaKind } from './local-media';
import type { RoomSocket } from './room-socket';
import type { RoomStore } from './room-state';
import type { TileEmojis } from './tile-emojis';

export type RoomCommandsDeps = {
  socket: RoomSocket;
  store: RoomStore;
  user: User;
  localStream: MediaStream | null;
  emojis: TileEmojis;
  nextKey(): string;
};

/** Shown at once with the local time; the server's acknowledgement brings the time everyone else sees. */
function sendMessage({ socket, store, user, nextKey }: RoomCommandsDeps, draft: string) {
  const message = outgoingText(draft);
  if (!message) return;
  const key = nextKey();
  socket.emit('send_message', { message }, (res) => {
    if (!res.ok) return store.update((s) => ({ chat: withoutEntry(s.chat, key), notice: texts.room.errors[res.code] ?? texts.room.errorFallback }));
    store.update((s) => ({ chat: stampEntry(s.chat, key, res.message.time) }));
  });
  store.update((s) => ({ chat: [...s.chat, { key, sender: user.nickname, message, time: clockTime(new Date()), userId: user.id, mine: true }] }));
}

/** A track is switched here and the new flags told to the room, which shows them on our tile. */
function setMedia({ socket, store, localStream }: RoomCommandsDeps, kind: MediaKind, enabled: boolean) {
  enableTracks(localStream, kind, enabled);
  store.update({ [kind]: enabled });
  const { audio, video } = store.getState();
  socket.emit('media state', { audio, video });
}

/** What the room page can ask of the room; each sends only what the server reads. */
export function createRoomCommands(deps: RoomCommandsDeps) {
  const { socket, store, emojis } = deps;
  return {
    sendMessage: (draft: string) => sendMessage(deps, draft),
    sendEmoji(emoji: Emoji) {
      socket.emit('send_emoji', { emoji });
      if (socket.id) emojis.show(socket.id, emoji);
    },
    toggleAudio: () => setMedia(deps, 'audio', !store.getState().audio),
    toggleVideo: () => setMedia(deps, 'video', !store.getState().video),
    startTimer: (hours: number, minutes: number, seconds: number) => socket.emit('start_timer', { hours, minutes, seconds }),
    startPomodoro: (plan: PomodoroPlan) => socket.emit('start_timer', { mode: 'pomodoro', ...plan }),
    pauseTimer: () => socket.emit('stop_time'),
    resumeTimer: () => socket.emit('resume_timer'),
    resetTimer: () => socket.emit('reset_time'),
    clearNotice: () => store.update({ notice: null }),
    /** `quit room` tells the others at once; the REST leave makes it stick even if the socket is already gone. */
    leave() {
      if (socket.connected) socket.emit('quit room');
      store.update({ status: 'left' });
    },
  };
}
