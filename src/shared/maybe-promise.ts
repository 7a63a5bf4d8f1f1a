/**
 * A value now, or later. The in-process RoomStore answers now, so a chat message goes from the socket to
 * the broadcast without a promise hop; the Redis store answers later, and the same code waits for it.
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** `next(value)` at once when the value is here, once it resolves when it is not. */
export function andThen<T, R>(value: MaybePromise<T>, next: (resolved: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise(value) ? value.then(next) : next(value);
}
