import type { ChatMessage } from '../contract/events';
import { currentMember, roomChannel, type IoSocket, type RealtimeContext, type SocketLimiters } from '../realtime/realtime-context';
import { SendEmojiSchema, SendMessageSchema } from '../realtime/schemas';
import { andThen } from '../shared/maybe-promise';

/**
 * One formatter per time zone, made once, and its last answer kept for the minute it covers. Building an
 * Intl.DateTimeFormat costs about 100 times a format() call (it was 44% of the server's CPU under the
 * chat benchmark when made per message), and format() itself was still 5% until reused within a minute.
 * "HH:MM" can only change on a whole UTC minute because every current zone is offset by whole minutes.
 */
const clockFormats = new Map<string, { format: Intl.DateTimeFormat; minute: number; text: string }>();

/** "HH:MM" in the service time zone: the original client shows the server's time, not its own. */
export function clockTime(epochMs: number, timeZone: string): string {
  let clock = clockFormats.get(timeZone);
  if (!clock) {
    clock = { format: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }), minute: NaN, text: '' };
    clockFormats.set(timeZone, clock);
  }
  const minute = Math.floor(epochMs / 60_000);
  if (clock.minute !== minute) {
    clock.text = clock.format.format(epochMs);
    clock.minute = minute;
  }
  return clock.text;
}

/**
 * Chat and emoticons. The server stamps sender, time and id from the socket's own identity, so nobody
 * can speak as someone else, and keeps the last messages for late joiners.
 */
export function createChatSockets(ctx: RealtimeContext) {
  const { store, clock, config, onEvent } = ctx;

  function register(socket: IoSocket, limiters: SocketLimiters): void {
    // Both handlers stay synchronous on the in-process store (see maybe-promise.ts): they are the hot path.
    onEvent(socket, 'send_message', SendMessageSchema, ({ message }) =>
      andThen(currentMember(ctx, socket), (member) => {
        const sentAt = clock.now();
        const chat: ChatMessage = {
          roomId: member.roomId,
          sender: member.nickname,
          message,
          time: clockTime(sentAt, config.tzName),
          id: member.userId,
          sentAt,
        };
        // Stored before it is sent, so a late joiner's history never misses a message someone saw.
        return andThen(store.appendChat(chat), () => {
          socket.to(roomChannel(member.roomId)).emit('receive_message', chat);
          return { message: chat };
        });
      }), { limiters: [limiters.all, limiters.chat] });

    onEvent(socket, 'send_emoji', SendEmojiSchema, ({ emoji }) =>
      andThen(currentMember(ctx, socket), (member) => {
        socket.to(roomChannel(member.roomId)).emit('receive_emoji', { roomId: member.roomId, id: socket.id, emoji });
      }), { limiters: [limiters.all, limiters.emoji] });
  }

  return { register };
}
