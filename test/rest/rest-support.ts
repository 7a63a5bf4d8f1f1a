import { QueryTypes } from 'sequelize';
import type { TestApp } from '../support/test-app';

/** Reads stored rows straight from the app's database, so a test checks what was written, not only what was answered. */
export async function rows<T extends object = Record<string, unknown>>(t: TestApp, sql: string, replacements: unknown[] = []): Promise<T[]> {
  return t.app.db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
}

/** COUNT(*) comes back as a string from MariaDB and as a number from SQLite. */
export async function count(t: TestApp, sql: string, replacements: unknown[] = []): Promise<number> {
  const [row] = await rows<{ n: unknown }>(t, sql, replacements);
  return Number(row?.n);
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Runs `work` over `items` with at most `width` in flight: enough parallelism without flooding the pool. */
export async function inBatches<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  return out;
}
