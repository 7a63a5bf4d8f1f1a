import type { Emoji } from '../../../src/contract/events';
import type { RoomStore } from './room-state';

const EMOJI_VISIBLE_MS = 3000;

export function withoutTile(emojis: Record<string, Emoji>, socketId: string): Record<string, Emoji> {
  const { [socketId]: _gone, ...rest } = emojis;
  return rest;
}

/** An emoji sits on its sender's tile for a few seconds; a new one from the same sender restarts the clock. */
export function createTileEmojis(store: RoomStore) {
  const timers = new Map<string, number>();
  return {
    show(socketId: string, emoji: Emoji) {
      window.clearTimeout(timers.get(socketId));
      store.update((s) => ({ emojis: { ...s.emojis, [socketId]: emoji } }));
      const timer = window.setTimeout(() => {
        timers.delete(socketId);
        store.update((s) => ({ emojis: withoutTile(s.emojis, socketId) }));
      }, EMOJI_VISIBLE_MS);
      timers.set(socketId, timer);
    },
    dispose() {
      for (const timer of timers.values()) window.clearTimeout(timer);
    },
  };
}
export type TileEmojis = ReturnType<typeof createTileEmojis>;
