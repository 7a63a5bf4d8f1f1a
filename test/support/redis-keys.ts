import Redis from 'ioredis';

/** Deletes every key a test's apps wrote under their own prefix, so runs on a shared Redis leave nothing behind. */
export async function dropRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}
