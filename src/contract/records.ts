/**
 * The records wire shapes (`GET /api/user/:userId/records`), shared by the server's pure derivation
 * (src/participation/records.ts) and the web client, so the two cannot drift apart.
 */
export const CATEGORY_KEYS = ['beauty', 'sports', 'study', 'counseling', 'culture', 'etc'] as const;
export type CategoryKey = (typeof CATEGORY_KEYS)[number];
/** The original client's keys for Monday..Sunday (`thur`, not `thu`). */
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thur', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

export type TodayItem = { categoryId: number; category: CategoryKey; time: number };
export type WeekdaysItem = { userId: number; category: CategoryKey } & Record<WeekdayKey, number>;
export type MonthItem = { userId: number; date: number; time: number; lastUpdatedDate: string };
export type Records = { todayRecord: TodayItem[]; weekdaysRecord: WeekdaysItem[]; monthRecord: MonthItem[] };
