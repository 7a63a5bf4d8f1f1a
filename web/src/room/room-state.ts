import type { Emoji } from '../../../src/contract/events';
import type { WireError } from '../../../src/errors';
import type { ChatEntry } from './chat-log';
import type { MediaFlags } from './local-media';
import type { Member } from './members';
import type { ReceivedTimer } from './timer-clock';

/** Everything the room page shows, as one immutable snapshot React reads with useSyncExternalStore. */
export type RoomState = {
  status: 'connecting' | 'joined' | 'reconnecting' | 'refused' | 'left';
  refusal: WireError | null;
  socketId: string | null;
  audio: boolean;
  video: boolean;
  members: Member[];
  chat: ChatEntry[];
  /** Socket id -> the emoji shown on that tile right now. */
  emojis: Record<string, Emoji>;
  timer: ReceivedTimer | null;
  notice: string | null;
  /** Our screen replaces our camera for everyone. */
  sharing: boolean;
};

export type RoomPatch = Partial<RoomState> | ((s: RoomState) => Partial<RoomState>);

export function initialRoomState(media: MediaFlags): RoomState {
  return { status: 'connecting', refusal: null, socketId: null, ...media, members: [], chat: [], emojis: {}, timer: null, notice: null, sharing: false };
}

/** The external store: every update replaces the snapshot, so React sees a new object exactly when something changed. */
export function createRoomStore(initial: RoomState) {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update(patch: RoomPatch) {
      state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
      for (const listener of listeners) listener();
    },
  };
}
export type RoomStore = ReturnType<typeof createRoomStore>;
