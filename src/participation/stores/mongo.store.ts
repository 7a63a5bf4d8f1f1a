import mongoose, { Schema } from 'mongoose';
import type { NewEntry, ParticipationEntry, ParticipationStore, RankedUser } from '../participation.store';
import { ALL_CATEGORIES, endDeltas, mergeDeltas, periodDeltas, periodKey, type DayDelta } from '../rollup';

/** The stored document: the entry with its id as `_id`. */
type EntryDoc = Omit<ParticipationEntry, 'id'> & { _id: string };

const EntrySchema = new Schema<EntryDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: Number, required: true },
    roomId: { type: Number, required: true },
    categoryId: { type: Number, required: true },
    joinedAt: { type: Number, required: true },
    leftAt: { type: Number, default: null },
    heartbeatAt: { type: Number, required: true },
  },
  { versionKey: false, collection: 'participation_entries' },
);
// Records: "this user's entries still open or ended after <from>". Sweep: "open entries with an old heartbeat".
EntrySchema.index({ userId: 1, leftAt: 1 });
EntrySchema.index({ leftAt: 1, heartbeatAt: 1 });

/** The roll-up: one document per (user, day, category), grown with `$inc` upserts. */
type DayTotalDoc = { userId: number; day: string; categoryId: number; ms: number };
const DayTotalSchema = new Schema<DayTotalDoc>(
  {
    userId: { type: Number, required: true },
    day: { type: String, required: true },
    categoryId: { type: Number, required: true },
    ms: { type: Number, required: true },
  },
  { versionKey: false, collection: 'participation_day_totals' },
);
DayTotalSchema.index({ userId: 1, day: 1, categoryId: 1 }, { unique: true });

/** Week and month totals (category 0: all), as the SQL adapter's participation_period_totals. */
type PeriodTotalDoc = { period: string; categoryId: number; userId: number; ms: number; listed: boolean };
const PeriodTotalSchema = new Schema<PeriodTotalDoc>(
  {
    period: { type: String, required: true },
    categoryId: { type: Number, required: true },
    userId: { type: Number, required: true },
    ms: { type: Number, required: true },
    listed: { type: Boolean, required: true },
  },
  { versionKey: false, collection: 'participation_period_totals' },
);
PeriodTotalSchema.index({ period: 1, categoryId: 1, userId: 1 }, { unique: true });
PeriodTotalSchema.index({ period: 1, categoryId: 1, listed: 1, ms: -1, userId: 1 });
PeriodTotalSchema.index({ userId: 1 });

/** One document per one-time job (`_id: 'rollup-backfill'`): inserting it is the claim. */
type JobDoc = { _id: string; at: number };
const JobSchema = new Schema<JobDoc>({ _id: { type: String, required: true }, at: { type: Number, required: true } }, { versionKey: false, collection: 'participation_jobs' });

const DUPLICATE_KEY = 11000;
const toEntry = ({ _id, ...rest }: EntryDoc): ParticipationEntry => ({ id: _id, ...rest, leftAt: rest.leftAt ?? null });

/**
 * The MongoDB adapter: a connection of its own (never mongoose's global one, so several apps can live in
 * one process) and one collection. Mongoose never retries a failed *first* connection, so until one
 * succeeds every call tries to open it again; the recorder retries the failed writes, and the app starts
 * even while MongoDB is briefly down.
 */
export type MongoStoreOptions = {
  /** TZ_NAME: the roll-up's days are calendar days in this zone. */
  tzName: string;
  /** Which of these users may be listed on the leaderboard (registered, not left it): the users table answers. */
  listedAmong: (userIds: readonly number[]) => Promise<ReadonlySet<number>>;
  serverSelectionTimeoutMS?: number;
};

/**
 * Without a replica set there are no multi-document transactions, so an end is two writes: the conditional
 * `findOneAndUpdate` that moves leftAt returns the previous end (only one of two racing ends sees it move),
 * then the roll-up gets that difference. A crash between the two loses that difference from the roll-up.
 */
export function createMongoParticipationStore(url: string, opts: MongoStoreOptions): ParticipationStore {
  const { tzName } = opts;
  const connection = mongoose.createConnection();
  const Entry = connection.model<EntryDoc>('ParticipationEntry', EntrySchema);
  const DayTotal = connection.model<DayTotalDoc>('ParticipationDayTotal', DayTotalSchema);
  const Job = connection.model<JobDoc>('ParticipationJob', JobSchema);
  const PeriodTotal = connection.model<PeriodTotalDoc>('ParticipationPeriodTotal', PeriodTotalSchema);

  async function addToRollup(deltas: readonly DayDelta[]): Promise<void> {
    const days = mergeDeltas(deltas).filter((d) => d.ms > 0);
    if (days.length === 0) return;
    await DayTotal.bulkWrite(
      days.map((d) => ({ updateOne: { filter: { userId: d.userId, day: d.day, categoryId: d.categoryId }, update: { $inc: { ms: d.ms } }, upsert: true } })),
      { ordered: false },
    );
    const listed = await opts.listedAmong([...new Set(days.map((d) => d.userId))]);
    await PeriodTotal.bulkWrite(
      periodDeltas(days).map((p) => ({
        updateOne: {
          filter: { period: p.period, categoryId: p.categoryId, userId: p.userId },
          update: { $inc: { ms: p.ms }, $setOnInsert: { listed: listed.has(p.userId) } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  /** Moves one entry's end later and rolls up exactly the span that move added. */
  async function moveEnd(id: string, leftAt: number): Promise<boolean> {
    const before = await Entry.findOneAndUpdate({ _id: id, $or: [{ leftAt: null }, { leftAt: { $lt: leftAt } }] }, { $set: { leftAt } }, { new: false }).lean<EntryDoc>();
    if (!before) return false;
    await addToRollup(endDeltas(before, before.leftAt ?? null, leftAt, tzName));
    return true;
  }
  let opened = false;
  let opening: Promise<unknown> | undefined;

  async function connected(): Promise<void> {
    if (opened) return;
    opening ??= connection
      .openUri(url, { serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 5_000 })
      .then(() => {
        opened = true;
      })
      .finally(() => {
        opening = undefined;
      });
    await opening;
  }

  return {
    async append(entry: NewEntry) {
      await connected();
      const { id, ...rest } = entry;
      try {
        await Entry.create({ _id: id, ...rest, leftAt: null });
      } catch (err) {
        if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
      }
    },

    async end(id, leftAt) {
      await connected();
      await moveEnd(id, leftAt);
    },

    async touch(ids, at) {
      if (ids.length === 0) return;
      await connected();
      await Entry.updateMany({ _id: { $in: [...ids] }, leftAt: null }, { $set: { heartbeatAt: at } });
    },

    async resumeOpen(userId, roomId, at) {
      await connected();
      const doc = await Entry.findOneAndUpdate({ userId, roomId, leftAt: null }, { $set: { heartbeatAt: at } }, { sort: { joinedAt: -1 }, new: true }).lean<EntryDoc>();
      return doc ? toEntry(doc) : null;
    },

    async endStale(before) {
      await connected();
      // One conditional update per entry (not one updateMany), so each end knows what it added to the roll-up.
      const stale = await Entry.find({ leftAt: null, heartbeatAt: { $lt: before } }).lean<EntryDoc[]>();
      let count = 0;
      for (const e of stale) if (await moveEnd(e._id, e.heartbeatAt)) count++;
      return count;
    },

    async listOverlapping(userId, from, to) {
      await connected();
      const docs = await Entry.find({ userId, joinedAt: { $lt: to }, $or: [{ leftAt: null }, { leftAt: { $gt: from } }] })
        .sort({ joinedAt: 1 })
        .lean<EntryDoc[]>();
      return docs.map(toEntry);
    },

    async appendMany(entries) {
      if (entries.length === 0) return;
      await connected();
      await Entry.insertMany(entries.map(({ id, ...rest }) => ({ _id: id, ...rest })), { ordered: false });
      await addToRollup(entries.flatMap((e) => (e.leftAt === null ? [] : endDeltas(e, null, e.leftAt, tzName))));
    },

    async listOpen(userId) {
      await connected();
      return (await Entry.find({ userId, leftAt: null }).sort({ joinedAt: 1 }).lean<EntryDoc[]>()).map(toEntry);
    },

    async dayTotals(userId, fromDay, toDay) {
      await connected();
      const docs = await DayTotal.find({ userId, day: { $gte: fromDay, $lte: toDay } }).sort({ day: 1, categoryId: 1 }).lean<DayTotalDoc[]>();
      return docs.map((d) => ({ day: d.day, categoryId: d.categoryId, ms: d.ms }));
    },

    async rankUsers({ period, firstDay, categoryId, limit, userId }) {
      await connected();
      const where = { period: periodKey(period, firstDay), categoryId: categoryId ?? ALL_CATEGORIES, listed: true };
      const docs = await PeriodTotal.find({ ...where, ms: { $gte: 60_000 } }).sort({ ms: -1, userId: 1 }).limit(limit).lean<PeriodTotalDoc[]>();
      const top: RankedUser[] = [];
      for (const [i, d] of docs.entries()) {
        const minutes = Math.floor(d.ms / 60_000);
        const previous = top[i - 1];
        top.push({ userId: d.userId, minutes, rank: previous && previous.minutes === minutes ? previous.rank : i + 1 });
      }
      if (userId === null) return { top, me: null };
      const inTop = top.find((r) => r.userId === userId);
      if (inTop) return { top, me: inTop };
      const mine = await PeriodTotal.findOne({ ...where, userId }).lean<PeriodTotalDoc>();
      const minutes = mine ? Math.floor(mine.ms / 60_000) : 0;
      if (minutes < 1) return { top, me: null };
      const above = await PeriodTotal.countDocuments({ ...where, ms: { $gte: (minutes + 1) * 60_000 } });
      return { top, me: { userId, minutes, rank: above + 1 } };
    },

    async setListed(userId, listed) {
      await connected();
      await PeriodTotal.updateMany({ userId }, { $set: { listed } });
    },

    async backfillRollup() {
      await connected();
      try {
        await Job.create({ _id: 'rollup-backfill', at: Date.now() });
      } catch (err) {
        if ((err as { code?: number }).code === DUPLICATE_KEY) return 0;
        throw err;
      }
      let count = 0;
      let batch: EntryDoc[] = [];
      const flush = async () => {
        await addToRollup(batch.flatMap((e) => (e.leftAt == null ? [] : endDeltas(e, null, e.leftAt, tzName))));
        count += batch.length;
        batch = [];
      };
      for await (const e of Entry.find({ leftAt: { $ne: null } }).lean<EntryDoc[]>().cursor()) {
        batch.push(e as EntryDoc);
        if (batch.length >= 1_000) await flush();
      }
      await flush();
      return count;
    },

    // Bounded like the SQL ping: a readiness probe must answer quickly even while MongoDB is unreachable.
    async ping(timeoutMs = 1_500) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('mongo ping timed out'), { code: 'ETIMEDOUT' })), timeoutMs);
      });
      try {
        await Promise.race([connected().then(() => connection.db!.admin().ping()), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },

    close: () => connection.close(),
  };
}
