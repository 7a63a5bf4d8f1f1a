import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

/** Messages between the bench (parent) and a server it forked. */
export type ToServer = { type: 'gc' } | { type: 'stop' } | { type: 'profile-start' } | { type: 'profile-stop'; file: string };
export type FromServer =
  | { type: 'listening'; port: number }
  | { type: 'gc-done' }
  | { type: 'profile-started' }
  | { type: 'profile-done' }
  | { type: 'failed'; message: string };

/** A V8 CPU profile of just the measured window (node --cpu-prof would also record start-up and setup). */
function createProfiler() {
  const session = new Session();
  session.connect();
  return {
    async start() {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    },
    async stop(file: string) {
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(file, JSON.stringify(profile));
    },
  };
}

/**
 * Wires the parent's commands into a server process: `gc` (needs --expose-gc) lets the idle-capacity
 * scenario measure live memory rather than garbage, `profile-*` record a CPU profile of a window, and
 * `stop` closes the server the way SIGTERM would.
 */
export function serveParent(stop: () => Promise<void>) {
  const send = (m: FromServer) => process.send?.(m);
  const profiler = createProfiler();
  process.on('message', (m: ToServer) => {
    if (m.type === 'profile-start') {
      void profiler.start().then(() => send({ type: 'profile-started' }));
    } else if (m.type === 'profile-stop') {
      void profiler.stop(m.file).then(() => send({ type: 'profile-done' }));
    } else if (m.type === 'gc') {
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
