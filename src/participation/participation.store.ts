/**
 * The participation log's port: one entry per presence of a user in a room. Two adapters implement it
 * (stores/sql.store.ts, embedded in the Sequelize database; stores/mongo.store.ts, MongoDB), and one
 * contract suite (participation.store.contract.ts) holds both to the same behaviour. Every time is epoch ms.
 */
export type ParticipationEntry = {
  /** Chosen by the writer (a UUID), so a retried append can never create a second entry. */
  id: string;
  userId: number;
  roomId: number;
  /** The room's category when the presence started, so later room edits never move old minutes. */
  categoryId: number;
  joinedAt: number;
  /** null while the presence lasts. */
  leftAt: number | null;
  /** The last moment a live server vouched for the presence; a crashed server's entries end here. */
  heartbeatAt: number;
};

export type NewEntry = Omit<ParticipationEntry, 'leftAt'>;

/** One roll-up row: the ended entries' milliseconds on one calendar day ("YYYY-MM-DD" in TZ_NAME) in one category. */
export type DayTotal = { day: string; categoryId: number; ms: number };

/** A leaderboard read: listed users ranked by whole minutes in one week (Monday first) or month. */
export type RankQuery = {
  period: 'week' | 'month';
  /** The period's first day, "YYYY-MM-DD" (a Monday, or the 1st). */
  firstDay: string;
  /** Only this category's minutes; null: every category. */
  categoryId: number | null;
  limit: number;
  /** Also answer this user's own place (null when they are not on the board). */
  userId: number | null;
};
/** `rank` is 1 + the number of listed users with more minutes, so ties share a rank (1, 1, 3). */
export type RankedUser = { userId: number; minutes: number; rank: number };

export interface ParticipationStore {
  /** Stores an open entry. Appending an id that already exists changes nothing (a retry after a lost reply). */
  append(entry: NewEntry): Promise<void>;
  /**
   * Ends an entry at `leftAt`. A later `leftAt` replaces an earlier one (the owning server's real end beats
   * a sweep's estimate), an earlier one changes nothing, so repeating an end is harmless. The roll-up gets
   * exactly the span the end added (from the previous end, or the join), in the same write.
   */
  end(id: string, leftAt: number): Promise<void>;
  /** Moves heartbeatAt of these still-open entries to `at`. */
  touch(ids: readonly string[], at: number): Promise<void>;
  /**
   * Takes over the user's open entry in this room, if any (the newest one): moves its heartbeatAt to `at` and
   * returns it, or null when none is open. A presence that moves to another process (its old one died) thus
   * keeps its one entry instead of being ended by the sweep and never reopened.
   */
  resumeOpen(userId: number, roomId: number, at: number): Promise<ParticipationEntry | null>;
  /** Ends every open entry whose heartbeat is older than `before` at its heartbeatAt (rolled up); returns how many. */
  endStale(before: number): Promise<number>;
  /** The user's entries that overlap [from, to): joined before `to` and not left by `from` (open ones included). */
  listOverlapping(userId: number, from: number, to: number): Promise<ParticipationEntry[]>;
  /** Bulk insert of complete entries (history seeding, imports); the ended ones are rolled up. */
  appendMany(entries: readonly ParticipationEntry[]): Promise<void>;
  /** The user's open entries (leftAt null): the time readers add live on top of the roll-up. */
  listOpen(userId: number): Promise<ParticipationEntry[]>;
  /** The roll-up rows of the user's days `fromDay`..`toDay` (inclusive, "YYYY-MM-DD"), ended entries only. */
  dayTotals(userId: number, fromDay: string, toDay: string): Promise<DayTotal[]>;
  /**
   * The leaderboard over the roll-up: the first `limit` listed users (a registered user who has not left the
   * board; guests never) with at least one whole minute, most time first (equal times by user id), and the
   * asker's own place. Listing is decided in the users table; the totals keep a copy of it, taken when a
   * user's period row is first written (each adapter is given `listedAmong`) and changed by `setListed`.
   */
  rankUsers(query: RankQuery): Promise<{ top: RankedUser[]; me: RankedUser | null }>;
  /** The user joined (true) or left (false) the leaderboard: every period total of theirs follows. */
  setListed(userId: number, listed: boolean): Promise<void>;
  /**
   * Fills the roll-up from every entry ended before it existed, once per database (the first server to start
   * after the roll-up's migration does it; every later call returns 0). Returns how many entries it rolled up.
   */
  backfillRollup(): Promise<number>;
  ping(): Promise<void>;
  /** Releases what the adapter itself opened (a shared SQL pool is the app's to close). */
  close(): Promise<void>;
}
