import type { z } from 'zod';
import type { AckReply, ClientAcks, ClientEvent, ClientPayloads, Declared } from '../contract/events';
import { rateLimited, toAppError, toWireError } from '../errors';
import type { Logger } from '../shared/logger';
import type { IoSocket } from './socket-types';
import type { Limiter } from './token-bucket';

/** Returned by a handler whose success is not acked (`join room`, for the original client). */
export const NO_ACK: unique symbol = Symbol('no-ack');

/** What a handler of `E` answers: the ack's data, nothing for a bare `{ok:true}`, or NO_ACK. */
export type HandlerResult<E extends ClientEvent> = [ClientAcks[E]] extends [never] ? typeof NO_ACK : object extends ClientAcks[E] ? void : ClientAcks[E];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** A schema whose input is exactly what the contract says `E` carries; anything else is a type error. */
type SchemaFor<E extends ClientEvent, S extends z.ZodType> = Same<Declared<z.input<S>>, ClientPayloads[E]> extends true ? S : never;

type EventOptions = { limiters?: Limiter[] };
type RawAck = (reply: AckReply<Record<string, unknown>>) => void;
/** A synchronous answer is allowed so that a handler without I/O costs no promise hop. */
type Answer<T> = T | Promise<T>;

/**
 * The one place that touches raw socket arguments: it separates the ack, applies rate limits, parses
 * the payload, runs the handler and turns any failure into `{ok:false, code, msg}` (with an ack) or an
 * `error` event (without). Nothing a client sends can reject a promise unobserved or crash the process.
 */
export function createOnEvent(log: Logger) {
  // Shared by every registration: a socket registers a dozen events, and thousands of sockets stay
  // connected, so each registration creates only its listener (per-registration helpers doubled the idle
  // memory per socket in the bench).
  function succeed(ack: RawAck | undefined, result: unknown): void {
    if (ack && result !== NO_ACK) ack({ ok: true, ...(result as object | undefined) });
  }
  function refuse(socket: IoSocket, ack: RawAck | undefined, err: unknown): void {
    // toAppError logs what becomes INTERNAL; everything else is an expected refusal.
    const wire = toWireError(toAppError(err, log));
    if (ack) ack({ ok: false, ...wire });
    else socket.emit('error', wire);
  }
  function replyFailed(event: string, err: unknown): void {
    log.error({ err, event }, 'socket reply failed');
  }

  return function onEvent<E extends ClientEvent, S extends z.ZodType>(
    socket: IoSocket,
    event: E,
    schema: SchemaFor<E, S>,
    handler: (input: z.output<S>) => Answer<HandlerResult<E>>,
    options: EventOptions = {},
  ): void {
    const limiters = options.limiters ?? [];
    // Socket.IO's typed `on` cannot see a listener that takes any arguments; the raw ones are sorted here.
    (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(event, (...args) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as RawAck) : undefined;
      let result: Answer<HandlerResult<E>>;
      try {
        const shared: Promise<boolean>[] = [];
        for (const bucket of limiters) {
          const taken = bucket.take();
          if (taken === false) throw rateLimited();
          if (taken !== true) shared.push(taken);
        }
        const input = schema.parse(args[0]) as z.output<S>;
        result = shared.length === 0 ? handler(input) : Promise.all(shared).then((taken) => {
          if (!taken.every(Boolean)) throw rateLimited();
          return handler(input);
        });
      } catch (err) {
        result = Promise.reject(err);
      }
      if (result instanceof Promise) {
        result.then((value) => succeed(ack, value), (err: unknown) => refuse(socket, ack, err)).catch((err: unknown) => replyFailed(event, err));
        return;
      }
      try {
        succeed(ack, result);
      } catch (err) {
        replyFailed(event, err);
      }
    });
  };
}
export type OnEvent = ReturnType<typeof createOnEvent>;
