import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { CONTRACT_TZ, contractListedAmong, participationStoreContract } from '../participation.store.contract';
import { createMongoParticipationStore } from './mongo.store';

const baseUrl = process.env.MONGODB_URL;

/** A database of its own per run, dropped afterwards, so runs never see each other's entries. */
function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

if (baseUrl) {
  participationStoreContract('mongo', async () => {
    const url = withDatabase(baseUrl, `wm_test_${randomBytes(6).toString('hex')}`);
    const store = createMongoParticipationStore(url, { serverSelectionTimeoutMS: 3_000, tzName: CONTRACT_TZ, listedAmong: contractListedAmong });
    return {
      store,
      dispose: async () => {
        await store.close();
        const admin = await mongoose.createConnection(url).asPromise();
        await admin.dropDatabase();
        await admin.close();
      },
    };
  });
} else {
  // Written past Jest's console capture: Jest does not report the console of a file whose tests are all skipped.
  process.stderr.write('SKIP mongo participation store: MONGODB_URL not set\n');
  describe.skip('participation store contract: mongo (MONGODB_URL not set)', () => {
    it('runs against MongoDB when MONGODB_URL is set', () => undefined);
  });
}
