import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { AckError, AckOk } from '../contract/events';
import { AppError, toAppError, toWireError } from '../errors';
import type { Logger } from '../shared/logger';
import type { TokenBucket } from './token-bucket';

/** Returned by a handler that must not call the ack on success (`join room`, for the original client). */
export const NO_ACK = Symbol('no-ack');
export type HandlerResult = Record<string, unknown> | void | typeof NO_ACK;

type EventOptions = { limiters?: TokenBucket[] };

/**
 * The one place that touches raw socket arguments: it separates the ack, applies rate limits, parses
 * the payload, runs the handler and turns any failure into `{ok:false, code, msg}` (with an ack) or an
 * `error` event (without). Nothing a client sends can reject a promise unobserved or crash the process.
 */
export function createOnEvent(log: Logger) {
  return function onEvent<S extends z.ZodType>(
    socket: Socket,
    event: string,
    schema: S,
    handler: (input: z.output<S>) => Promise<HandlerResult>,
    options: EventOptions = {},
  ): void {
    socket.on(event, (...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (r: AckOk | AckError) => void) : undefined;
      void (async () => {
        try {
          if (options.limiters?.some((bucket) => !bucket.take())) throw new AppError('RATE_LIMITED', 'Too many messages, slow down');
          const input = schema.parse(args[0]) as z.output<S>;
          const result = await handler(input);
          if (ack && result !== NO_ACK) ack({ ok: true, ...(result ?? {}) });
        } catch (err) {
          // toAppError logs what becomes INTERNAL; everything else is an expected refusal.
          const wire = toWireError(toAppError(err, log));
          if (ack) ack({ ok: false, ...wire });
          else socket.emit('error', wire);
        }
      })().catch((err: unknown) => log.error({ err, event }, 'socket error reply failed'));
    });
  };
}
export type OnEvent = ReturnType<typeof createOnEvent>;
