import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';

/**
 * bcrypt runs on libuv's thread pool, so hashing does not block the event loop.
 *
 * `matches` costs one compare whatever it is given: with no hash (an unknown email, a guest account, a room
 * without a password or no room at all) it compares against a dummy hash made once here with the same
 * rounds, so a wrong guess takes as long as a real one and the timing tells nothing.
 */
export function createPasswords(rounds: number) {
  const dummyHash = bcrypt.hashSync(randomBytes(16).toString('hex'), rounds);
  return {
    hash: (plain: string) => bcrypt.hash(plain, rounds),
    matches: async (plain: string, hash: string | null | undefined): Promise<boolean> => {
      const ok = await bcrypt.compare(plain, hash ?? dummyHash);
      return Boolean(hash) && ok;
    },
  };
}
export type Passwords = ReturnType<typeof createPasswords>;
