/**
 * Transfer progress as one line: percent, bytes, throughput and estimated time left.
 * @module
 */
import type { ToolkitError } from '../core/index.js';

function mb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The progress line for `done` of `total` bytes after `seconds`. */
export function formatProgress(
  name: string,
  done: number,
  total: number | undefined,
  seconds: number,
): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const speed = `${(rate / 1e6).toFixed(1)} MB/s`;
  if (total === undefined || total === 0) return `${name}: ${mb(done)}, ${speed}`;
  const percent = Math.min(100, Math.floor((done / total) * 100));
  const eta = rate > 0 ? `, ETA ${clock((total - done) / rate)}` : '';
  return `${name}: ${percent}% ${mb(done)} / ${mb(total)}, ${speed}${eta}`;
}

/** Batch callbacks that draw progress on a terminal (throttled to 5 per second) and note retries. */
export function progressReporter(write: (text: string) => void, isTty: boolean) {
  const started = performance.now();
  let last = 0;
  return {
    onRetry: (error: ToolkitError, attempt: number, delayMs: number) =>
      write(
        `${isTty ? '\r\x1b[K' : ''}kmigrate: ${error.code}: ${error.message} (retry ${attempt} in ${Math.round(delayMs / 100) / 10} s)\n`,
      ),
    onProgress: (name: string, done: number, total: number | undefined) => {
      const now = performance.now();
      if (!isTty || (now - last < 200 && done !== total)) return;
      last = now;
      write(`\r\x1b[K${formatProgress(name, done, total, (now - started) / 1000)}`);
    },
    done: () => {
      if (isTty) write('\r\x1b[K');
    },
  };
}
