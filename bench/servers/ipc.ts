/** Messages between the bench (parent) and a server it forked. */
export type ToServer = { type: 'gc' } | { type: 'stop' };
export type FromServer = { type: 'listening'; port: number } | { type: 'gc-done' } | { type: 'failed'; message: string };

/**
 * Wires the parent's commands into a server process: `gc` (needs --expose-gc) lets the idle-capacity
 * scenario measure live memory rather than garbage, and `stop` exits cleanly so --cpu-prof can write.
 */
export function serveParent(stop: () => Promise<void>) {
  const send = (m: FromServer) => process.send?.(m);
  process.on('message', (m: ToServer) => {
    if (m.type === 'gc') {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      gc?.();
      send({ type: 'gc-done' });
    } else if (m.type === 'stop') {
      const force = setTimeout(() => process.exit(1), 10_000);
      stop().then(
        () => {
          clearTimeout(force);
          process.exit(0);
        },
        () => process.exit(1),
      );
    }
  });
  // An orphaned server (the bench crashed) must not keep running.
  process.on('disconnect', () => process.exit(0));
  return { listening: (port: number) => send({ type: 'listening', port }), failed: (message: string) => send({ type: 'failed', message }) };
}
