/**
 * Bounded concurrency plus optional pacing (at most N request starts per second).
 * @module
 */

/** Runs tasks with at most `concurrency` in flight and `perSecond` starts per second. */
export interface RequestLimiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** Create a limiter; `perSecond` 0 or undefined means no pacing. */
export function createRequestLimiter(concurrency: number, perSecond?: number): RequestLimiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  const interval = perSecond && perSecond > 0 ? 1000 / perSecond : 0;
  let nextStart = 0;
  const acquire = async (): Promise<void> => {
    if (active < concurrency) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over
    if (interval > 0) {
      const now = performance.now();
      const at = Math.max(now, nextStart);
      nextStart = at + interval;
      if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
    }
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    async run(task) {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
