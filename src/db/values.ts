import type { Model, ModelStatic } from 'sequelize';

/**
 * Raw queries return dates as Date objects on MySQL and as text on SQLite
 * ("2026-01-05 09:00:00.000 +00:00"); this reads either as a Date.
 */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'string') {
    const iso = value.includes('T') ? value : value.replace(' ', 'T').replace(' +00:00', 'Z').replace(/ ([+-]\d\d:\d\d)$/, '$1');
    const d = new Date(iso);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new Error(`Not a date: ${String(value)}`);
}

/** BIGINT and COUNT(*) come back as strings from mysql2; numbers from SQLite. */
export const toNumber = (value: unknown): number => (typeof value === 'number' ? value : Number(value));

/** Escapes LIKE wildcards with '!' (not backslash, whose meaning differs between MySQL and SQLite literals). */
export const likePattern = (text: string) => `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** A model whose instances (and `raw: true` rows) expose the row's attributes as typed properties. */
export type RowModel<Row extends object, Creation extends object = Row> = ModelStatic<Model<Row, Creation> & Row>;
