import bcrypt from 'bcrypt';

/** bcrypt runs on libuv's thread pool, so hashing does not block the event loop. */
export function createPasswords(rounds: number) {
  return {
    hash: (plain: string) => bcrypt.hash(plain, rounds),
    matches: (plain: string, hash: string | null | undefined) => (hash ? bcrypt.compare(plain, hash) : Promise.resolve(false)),
  };
}
export type Passwords = ReturnType<typeof createPasswords>;
