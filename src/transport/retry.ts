/**
 * Retry with exponential back-off and jitter, only for failures a retry can cure (a dropped
 * connection, a failed verification, an I/O error); never for host keys, logins or missing files.
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isToolkitError, type ToolkitError } from '../core/index.js';

/** Retry settings. */
export interface RetryOptions {
  /** Total tries, first included; default 4. */
  readonly attempts?: number;
  /** First back-off in ms, doubled each time (with up to 25% jitter); default 500. */
  readonly baseDelayMs?: number;
  /** Back-off ceiling in ms; default 8000. */
  readonly maxDelayMs?: number;
  /** Told before each retry. */
  readonly onRetry?: (error: ToolkitError, attempt: number, delayMs: number) => void;
}

const RETRYABLE = new Set(['SFTP_CONNECT_FAILED', 'SFTP_TRANSFER_FAILED', 'SFTP_VERIFY_FAILED']);

/** True when a retry may cure `error`. */
export function isRetryable(error: unknown): error is ToolkitError {
  return isToolkitError(error) && RETRYABLE.has(error.code);
}

/** Run `task` (given the attempt number and the previous failure) until it succeeds or gives up. */
export async function withRetry<T>(
  task: (attempt: number, previous: ToolkitError | undefined) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  let previous: ToolkitError | undefined;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task(attempt, previous);
    } catch (error) {
      if (!isRetryable(error) || attempt >= attempts) throw error;
      previous = error;
      const base = Math.min(options.maxDelayMs ?? 8000, (options.baseDelayMs ?? 500) * 2 ** (attempt - 1));
      const delay = Math.round(base * (1 + Math.random() * 0.25));
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
