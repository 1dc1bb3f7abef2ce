/**
 * Failed-login lockout with back-off, per account name and remote address: each failure is
 * answered after a growing delay; `maxFailures` failures lock the pair out for `lockSeconds`,
 * doubled for each further lockout. A success clears the count (not the lock).
 * @module
 */

/** Lockout settings. */
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockSeconds: number;
  /** Delay before answering the first failure, doubled per failure (capped at 5 s). */
  readonly failureDelayMs: number;
}

interface Record {
  failures: number;
  lockouts: number;
  lockedUntil: number;
}

/** Tracks failures; `now` is injectable for tests. */
export class LoginGuard {
  readonly #records = new Map<string, Record>();
  constructor(
    private readonly policy: LockoutPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  #get(key: string): Record {
    let record = this.#records.get(key);
    if (!record) {
      record = { failures: 0, lockouts: 0, lockedUntil: 0 };
      this.#records.set(key, record);
    }
    return record;
  }

  /** Seconds left on a lock, or 0 when the pair may try. */
  lockedFor(account: string, address: string): number {
    const record = this.#records.get(`${account}\n${address}`);
    return record ? Math.max(0, Math.ceil((record.lockedUntil - this.now()) / 1000)) : 0;
  }

  /** Record a failure; returns the delay to wait before answering and whether it locked now. */
  fail(account: string, address: string): { delayMs: number; locked: boolean } {
    const record = this.#get(`${account}\n${address}`);
    record.failures += 1;
    const delayMs = Math.min(5000, this.policy.failureDelayMs * 2 ** Math.min(record.failures - 1, 10));
    if (record.failures < this.policy.maxFailures) return { delayMs, locked: false };
    record.failures = 0;
    record.lockouts += 1;
    record.lockedUntil = this.now() + this.policy.lockSeconds * 1000 * 2 ** (record.lockouts - 1);
    return { delayMs, locked: true };
  }

  /** Record a success. */
  succeed(account: string, address: string): void {
    const record = this.#records.get(`${account}\n${address}`);
    if (record) record.failures = 0;
  }
}
