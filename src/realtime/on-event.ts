import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { AckError, AckOk } from '../contract/events';
import { AppError, toAppError, toWireError } from '../errors';
import type { Logger } from '../shared/logger';
import { isPromise, type MaybePromise } from '../shared/maybe-promise';
import type { TokenBucket } from './token-bucket';

/** Returned by a handler that must not call the ack on success (`join room`, for the original client). */
export const NO_ACK: unique symbol = Symbol('no-ack');
export type HandlerResult = Record<string, unknown> | void | typeof NO_ACK;

type EventOptions = { limiters?: TokenBucket[] };
type Ack = (reply: AckOk | AckError) => void;

/**
 * The one place that touches raw socket arguments: it separates the ack, applies rate limits, parses
 * the payload, runs the handler and turns any failure into `{ok:false, code, msg}` (with an ack) or an
 * `error` event (without). Nothing a client sends can reject a promise unobserved or crash the process.
 *
 * A handler may answer synchronously: chat on the in-process store then costs no promise hop, which the
 * room-traffic benchmark counts against a bare relay (BENCHMARKS.md).
 */
export function createOnEvent(log: Logger) {
  // Shared by every registration: a socket registers a dozen events, and thousands of sockets stay
  // connected, so each registration creates only its listener (per-registration helpers doubled the idle
  // memory per socket in the bench).
  function succeed(ack: Ack | undefined, result: HandlerResult): void {
    if (ack && result !== NO_ACK) ack({ ok: true, ...(result ?? {}) });
  }
  function refuse(socket: Socket, ack: Ack | undefined, err: unknown): void {
    // toAppError logs what becomes INTERNAL; everything else is an expected refusal.
    const wire = toWireError(toAppError(err, log));
    if (ack) ack({ ok: false, ...wire });
    else socket.emit('error', wire);
  }
  function replyFailed(event: string, err: unknown): void {
    log.error({ err, event }, 'socket reply failed');
  }

  return function onEvent<S extends z.ZodType>(
    socket: Socket,
    event: string,
    schema: S,
    handler: (input: z.output<S>) => MaybePromise<HandlerResult>,
    options: EventOptions = {},
  ): void {
    const limiters = options.limiters ?? [];
    socket.on(event, (...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as Ack) : undefined;
      let result: MaybePromise<HandlerResult>;
      try {
        for (const bucket of limiters) if (!bucket.take()) throw new AppError('RATE_LIMITED', 'Too many messages, slow down');
        result = handler(schema.parse(args[0]) as z.output<S>);
      } catch (err) {
        result = Promise.reject(err);
      }
      if (isPromise(result)) {
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
