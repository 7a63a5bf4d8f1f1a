/**
 * Type-level tests of the socket contract, checked by `npm run typecheck` and never run: each
 * `@ts-expect-error` line must stay an error, so the day a schema, a handler or a client drifts from the
 * contract, this file stops compiling.
 */
import type { Socket } from 'socket.io-client';
import { z } from 'zod';
import { SendEmojiSchema, SendMessageSchema } from '../chat/chat.schema';
import { JoinRoomSchema } from '../membership/membership.schema';
import { NO_ACK, type OnEvent } from '../realtime/on-event';
import type { IoSocket } from '../realtime/socket-types';
import { CountdownSchema, StartTimerSchema } from '../timer/timer.schema';
import type { ChatMessage, CLIENT_EVENTS, ClientEvent, ClientPayloads, ClientToServerEvents, ServerToClientEvents, TimerStateMessage } from './events';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const holds = <T extends true>(): T => true as T;

/** Every client event is in CLIENT_EVENTS, which the fuzzers and hostile-input tests walk. */
holds<Equal<(typeof CLIENT_EVENTS)[number], ClientEvent>>();

/** The contract's payloads are the schemas' inputs, as a typed client writes them. */
holds<Equal<ClientPayloads['send_message'], { message: string }>>();
holds<Equal<ClientPayloads['join room'], { roomId: number | string }>>();
holds<Equal<ClientPayloads['refresh token'], { token: string }>>();
/** `start_timer` is a union on `mode`: the original countdown (no mode needed) or a pomodoro plan. */
holds<
  Equal<
    ClientPayloads['start_timer'],
    | { mode?: 'countdown'; hours?: number | string; minutes?: number | string; seconds?: number | string }
    | { mode: 'pomodoro'; focusMinutes: number | string; breakMinutes: number | string; rounds: number | string }
  >
>();

export function serverHandlersAreBound(onEvent: OnEvent, socket: IoSocket, chat: ChatMessage, timer: TimerStateMessage): void {
  onEvent(socket, 'send_message', SendMessageSchema, () => ({ message: chat }));
  onEvent(socket, 'join room', JoinRoomSchema, () => NO_ACK);
  onEvent(socket, 'start_timer', StartTimerSchema, (t) => ({ timer: { ...timer, durationMs: t.mode === 'pomodoro' ? t.focusMinutes : t.hours } }));

  // @ts-expect-error a misspelt event name
  onEvent(socket, 'send_mesage', SendMessageSchema, () => ({ message: chat }));
  // @ts-expect-error another event's schema
  onEvent(socket, 'send_message', SendEmojiSchema, () => ({ message: chat }));
  // @ts-expect-error a schema that drifted from the contract (a field the contract does not have)
  onEvent(socket, 'send_message', z.looseObject({ message: z.string(), to: z.number() }), () => ({ message: chat }));
  // @ts-expect-error an ack the contract does not promise
  onEvent(socket, 'send_message', SendMessageSchema, () => ({ timer }));
  // @ts-expect-error `join room` acks only refusals: success must not ack
  onEvent(socket, 'join room', JoinRoomSchema, () => undefined);
  // @ts-expect-error a handler reading a field the schema does not give
  onEvent(socket, 'send_emoji', SendEmojiSchema, ({ message }: { message: string }) => void message);
  // @ts-expect-error only the countdown branch of the start_timer union has the original payload's schema
  onEvent(socket, 'start_timer', CountdownSchema, () => ({ timer }));
}

export function clientsAreBound(client: Socket<ServerToClientEvents, ClientToServerEvents>): void {
  client.emit('send_message', { message: 'hi' }, (reply) => {
    if (reply.ok) holds<Equal<typeof reply.message, ChatMessage>>();
  });
  client.emit('quit room');
  client.on('send users', (msg) => holds<Equal<(typeof msg.iceServers)[number]['urls'], string | string[]>>());
  client.emit('start_timer', { mode: 'pomodoro', focusMinutes: 25, breakMinutes: '5', rounds: 4 });
  client.emit('start_timer', { hours: 0, minutes: '25' });
  client.on('timer phase', (msg) => holds<Equal<typeof msg.phase, 'focus' | 'break'>>());

  // @ts-expect-error a misspelt payload field
  client.emit('send_message', { mesage: 'hi' });
  // @ts-expect-error a field the server does not read (the original client's userId)
  client.emit('join room', { roomId: 1, userId: 2 });
  // @ts-expect-error a misspelt event name
  client.emit('send_mesage', { message: 'hi' });
  // @ts-expect-error a pomodoro without its rounds
  client.emit('start_timer', { mode: 'pomodoro', focusMinutes: 25, breakMinutes: 5 });
  // @ts-expect-error a mode the contract does not have
  client.emit('start_timer', { mode: 'stopwatch', hours: 1 });
  // @ts-expect-error a server event the contract does not have
  client.on('receive_messages', () => undefined);
}
