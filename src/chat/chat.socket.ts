import type { ChatMessage } from '../contract/events';
import { currentMember, roomChannel, type IoSocket, type RealtimeContext, type SocketLimiters } from '../realtime/realtime-context';
import { SendEmojiSchema, SendMessageSchema } from '../realtime/schemas';

/**
 * One formatter per time zone, made once: building an Intl.DateTimeFormat costs about 100 times a
 * format() call, and was 44% of the server's CPU under the chat benchmark when made per message.
 */
const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** "HH:MM" in the service time zone: the original client shows the server's time, not its own. */
export function clockTime(epochMs: number, timeZone: string): string {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    clockFormats.set(timeZone, format);
  }
  return format.format(epochMs);
}

/**
 * Chat and emoticons. The server stamps sender, time and id from the socket's own identity, so nobody
 * can speak as someone else, and keeps the last messages for late joiners.
 */
export function createChatSockets(ctx: RealtimeContext) {
  const { store, clock, config, onEvent } = ctx;

  function register(socket: IoSocket, limiters: SocketLimiters): void {
    onEvent(socket, 'send_message', SendMessageSchema, async ({ message }) => {
      const member = await currentMember(ctx, socket);
      const sentAt = clock.now();
      const chat: ChatMessage = {
        roomId: member.roomId,
        sender: member.nickname,
        message,
        time: clockTime(sentAt, config.tzName),
        id: member.userId,
        sentAt,
      };
      await store.appendChat(chat);
      socket.to(roomChannel(member.roomId)).emit('receive_message', chat);
      return { message: chat };
    }, { limiters: [limiters.all, limiters.chat] });

    onEvent(socket, 'send_emoji', SendEmojiSchema, async ({ emoji }) => {
      const member = await currentMember(ctx, socket);
      socket.to(roomChannel(member.roomId)).emit('receive_emoji', { roomId: member.roomId, id: socket.id, emoji });
    }, { limiters: [limiters.all, limiters.emoji] });
  }

  return { register };
}
