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

export interface ParticipationStore {
  /** Stores an open entry. Appending an id that already exists changes nothing (a retry after a lost reply). */
  append(entry: NewEntry): Promise<void>;
  /**
   * Ends an entry at `leftAt`. A later `leftAt` replaces an earlier one (the owning server's real end beats
   * a sweep's estimate), an earlier one changes nothing, so repeating an end is harmless.
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
  /** Ends every open entry whose heartbeat is older than `before` at its heartbeatAt; returns how many. */
  endStale(before: number): Promise<number>;
  /** The user's entries that overlap [from, to): joined before `to` and not left by `from` (open ones included). */
  listOverlapping(userId: number, from: number, to: number): Promise<ParticipationEntry[]>;
  /** Bulk insert of complete entries (history seeding, imports). */
  appendMany(entries: readonly ParticipationEntry[]): Promise<void>;
  ping(): Promise<void>;
  /** Releases what the adapter itself opened (a shared SQL pool is the app's to close). */
  close(): Promise<void>;
}
