import Redis from 'ioredis';
import type { Logger } from '../shared/logger';

/** Redis clients that fail fast: a command waits at most the timeout and nothing queues while disconnected. */
export async function connectRedis(url: string, commandTimeoutMs: number, log: Logger) {
  const options = { lazyConnect: true, commandTimeout: commandTimeoutMs, maxRetriesPerRequest: 1, enableOfflineQueue: false };
  const commands = new Redis(url, options);
  // The subscriber must resubscribe by itself after a reconnect, so its commands wait instead of failing.
  const subscriber = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
  for (const client of [commands, subscriber]) client.on('error', (err: Error) => log.warn({ err: err.message }, 'redis error'));
  await Promise.all([commands.connect(), subscriber.connect()]);
  return { commands, subscriber };
}
export type RedisPair = Awaited<ReturnType<typeof connectRedis>>;

/** A polite QUIT when Redis answers, a hard disconnect when it does not within a moment. */
export async function quitRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  await Promise.race([client.quit().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 500).unref())]);
  client.disconnect();
}

/**
 * The Redis adapter publishes without handling a failure; while Redis is down that would be an
 * unhandled rejection, which stops Node. Its publishes are made to fail quietly (logged) instead.
 */
export function withQuietPublish(client: Redis, log: Logger): Redis {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'publish') {
        return (...args: Parameters<Redis['publish']>) =>
          target.publish(...args).catch((err: Error) => {
            log.warn({ err: err.message }, 'redis publish failed');
            return 0;
          });
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
