/**
 * Whether local files are read and written synchronously on the calling thread. With one core
 * (the build's one-core mode, a container limited to one CPU) the threadpool that runs
 * asynchronous file I/O cannot overlap it with anything: every 64 KiB chunk only adds two thread
 * switches and a promise on the core that does the work. From a warm page cache a synchronous
 * 64 KiB read or write is a copy of a few microseconds. Measured on the 1M-row one-core build
 * (docs/benchmarks.md, stop 18). With more cores the I/O stays asynchronous: it overlaps with the
 * parsing and a slow disk does not stall the thread that does it.
 *
 * `KMIGRATE_FILE_IO=sync|async` overrides the choice (tests run both paths on any machine).
 * @module
 */
import { availableParallelism } from 'node:os';

/** True when file I/O should be synchronous (see the module comment); asked once per file opened. */
export function syncFileIo(): boolean {
  const forced = process.env.KMIGRATE_FILE_IO;
  return forced === 'sync' ? true : forced === 'async' ? false : availableParallelism() < 2;
}
