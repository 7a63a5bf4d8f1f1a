import mongoose, { Schema } from 'mongoose';
import type { NewEntry, ParticipationEntry, ParticipationStore } from '../participation.store';

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

const DUPLICATE_KEY = 11000;
const toEntry = ({ _id, ...rest }: EntryDoc): ParticipationEntry => ({ id: _id, ...rest, leftAt: rest.leftAt ?? null });

/**
 * The MongoDB adapter: a connection of its own (never mongoose's global one, so several apps can live in
 * one process) and one collection. Mongoose never retries a failed *first* connection, so until one
 * succeeds every call tries to open it again; the recorder retries the failed writes, and the app starts
 * even while MongoDB is briefly down.
 */
export function createMongoParticipationStore(url: string, opts: { serverSelectionTimeoutMS?: number } = {}): ParticipationStore {
  const connection = mongoose.createConnection();
  const Entry = connection.model<EntryDoc>('ParticipationEntry', EntrySchema);
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
      await Entry.updateOne({ _id: id, $or: [{ leftAt: null }, { leftAt: { $lt: leftAt } }] }, { $set: { leftAt } });
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
      // An update pipeline copies heartbeatAt into leftAt on the server, in one statement.
      const result = await Entry.updateMany({ leftAt: null, heartbeatAt: { $lt: before } }, [{ $set: { leftAt: '$heartbeatAt' } }]);
      return result.modifiedCount;
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
