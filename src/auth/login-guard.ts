import type { Clock } from '../shared/clock';

type Entry = { failures: number; resetAt: number; failedFrom: Set<string> };

export type LoginGuardLimits = { failures: number; windowMs: number };

/** Bounds on memory: accounts tracked at once, and IPs remembered per account. */
const MAX_ACCOUNTS = 50_000;
const MAX_IPS_PER_ACCOUNT = 1_000;

/**
 * Per-account log-in limit that cannot be turned into a lock-out of the account's owner. It counts failed
 * log-ins per normalised email over a window; once an account has `failures` of them, an IP that has itself
 * failed for that account within the window is refused (429) without its password being checked, and every
 * other IP is still checked as usual, so the owner, from where they have not failed, still gets in. An
 * attacker thus gets `failures` guesses per account per window from one IP, then one more per new IP; the
 * per-IP AUTH_RATE_LIMIT bounds the rest. The counters live in this process.
 */
export function createLoginGuard(limits: LoginGuardLimits, clock: Pick<Clock, 'now'>) {
  const accounts = new Map<string, Entry>();

  function current(email: string): Entry | undefined {
    const entry = accounts.get(email);
    if (entry && entry.resetAt <= clock.now()) {
      accounts.delete(email);
      return undefined;
    }
    return entry;
  }

  /** Whether this IP is refused for this account now. */
  function refuses(email: string, ip: string): boolean {
    const entry = current(email);
    return !!entry && entry.failures >= limits.failures && entry.failedFrom.has(ip);
  }

  function failed(email: string, ip: string): void {
    let entry = current(email);
    if (!entry) {
      if (accounts.size >= MAX_ACCOUNTS) accounts.delete(accounts.keys().next().value!);
      entry = { failures: 0, resetAt: clock.now() + limits.windowMs, failedFrom: new Set() };
      accounts.set(email, entry);
    }
    entry.failures += 1;
    if (entry.failedFrom.size < MAX_IPS_PER_ACCOUNT) entry.failedFrom.add(ip);
  }

  return { refuses, failed };
}
export type LoginGuard = ReturnType<typeof createLoginGuard>;
