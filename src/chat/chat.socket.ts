import type { ChatMessage } from '../contract/events';
import { currentMember } from '../realtime/live-member';
import type { RoomStore } from '../realtime/room-store';
import { roomChannel, type Connection, type SocketFeature } from '../realtime/socket-types';
import type { Clock } from '../shared/clock';
import { SendEmojiSchema, SendMessageSchema } from './chat.schema';
import { clockTime } from './clock-time';

type ChatDeps = { store: Pick<RoomStore, 'getMember' | 'appendChat'>; clock: Pick<Clock, 'now'>; tzName: string };

/**
 * Chat and emoticons. The server stamps sender, time and id from the socket's own identity, so nobody
 * can speak as someone else, and keeps the last messages for late joiners.
 */
export function createChatSockets({ store, clock, tzName }: ChatDeps): SocketFeature {
  function register({ socket, limiters, onEvent }: Connection): void {
    onEvent(socket, 'send_message', SendMessageSchema, async ({ message }) => {
      const member = await currentMember(store, socket);
      const sentAt = clock.now();
      const chat: ChatMessage = { roomId: member.roomId, sender: member.nickname, message, time: clockTime(sentAt, tzName), id: member.userId, sentAt };
      // Stored before it is sent, so a late joiner's history never misses a message someone saw.
      await store.appendChat(chat);
      socket.to(roomChannel(member.roomId)).emit('receive_message', chat);
      return { message: chat };
    }, { limiters: [limiters.all, limiters.chat] });

    onEvent(socket, 'send_emoji', SendEmojiSchema, async ({ emoji }) => {
      const member = await currentMember(store, socket);
      socket.to(roomChannel(member.roomId)).emit('receive_emoji', { roomId: member.roomId, id: socket.id, emoji });
    }, { limiters: [limiters.all, limiters.emoji] });
  }

  return { name: 'chat', register };
}
