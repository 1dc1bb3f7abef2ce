/**
 * The CLI's view of the outside world, injectable for tests.
 * @module
 */

/** Streams and environment a command may use. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Today's date (YYYY-MM-DD) in the local zone; injectable for reproducible tests. */
  readonly today: () => string;
}

/** The real process. */
export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTty: Boolean(process.stderr.isTTY),
    env: process.env,
    today: () => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    },
  };
}

/** A progress line on a TTY (rewritten in place); silent otherwise. */
export function progress(
  io: CliIo,
  label: string,
): { update: (rows: number, bytes?: number) => void; done: () => void } {
  const start = performance.now();
  let shown = false;
  let last = 0;
  return {
    update: (rows, bytes) => {
      if (!io.isTty) return;
      const now = performance.now();
      if (now - last < 200) return;
      last = now;
      const secs = (performance.now() - start) / 1000;
      const rate = secs > 0 ? Math.round(rows / secs) : 0;
      const mb = bytes === undefined ? '' : `, ${(bytes / 1e6).toFixed(0)} MB`;
      io.stderr(
        `\r${label}: ${rows.toLocaleString('en-US')} rows${mb}, ${rate.toLocaleString('en-US')} rows/s   `,
      );
      shown = true;
    },
    done: () => {
      if (shown) io.stderr('\r\x1b[K');
      shown = false;
    },
  };
}
