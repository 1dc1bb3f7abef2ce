/**
 * `check`: validate any Konnektive import file (also hand-made ones) against the spec or a
 * vendor template. Streams; memory stays flat in the file size. Large files are checked on two
 * cores: a worker reads while another checks (see worker-check.ts); both paths run the same
 * {@link CheckSession}, so the findings are identical.
 * @module
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { type CsvReader, type CsvReadOptions, openCsv } from '../csv/index.js';
import type { FileKind } from '../schema/index.js';
import { type CheckResult, CheckSession, type CheckSetup, everyFewRows } from './check-session.js';
import { startCheckWorkers } from './worker-check.js';

export { type CheckResult, resolveFileSpec, sortIssues } from './check-session.js';

/** Files at least this large are checked with a worker thread when `worker` is not given. */
export const WORKER_MIN_BYTES = 32 * 1024 * 1024;

/** Options of {@link checkFile}. */
export interface CheckFileOptions {
  readonly kind?: FileKind;
  /** Header of a vendor template: decides the expected columns and their order. */
  readonly templateHeader?: readonly string[];
  readonly importDate: string;
  readonly imminentDays?: number;
  readonly maxIssues?: number;
  readonly csv?: CsvReadOptions;
  /** The bytes to read instead of `path` (e.g. a decrypting stream); `path` still names the file. */
  readonly input?: string | AsyncIterable<Uint8Array>;
  /** Called every ~64K rows with the rows read so far (for progress display). */
  readonly onProgress?: (rows: number, bytes: number) => void;
  /**
   * Check on two cores, a read worker and a check worker (true; for a path input), in this thread
   * (false), or decide by size (default: workers for files of at least {@link WORKER_MIN_BYTES}
   * on a multi-core host).
   */
  readonly worker?: boolean;
}

/** Check one file. Operational failures (unreadable, binary, encrypted) throw a ToolkitError. */
export async function checkFile(path: string, options: CheckFileOptions): Promise<CheckResult> {
  const input = options.input ?? path;
  // workers start first: they load their code while this thread reads the header
  const workers =
    typeof input === 'string' && (options.worker ?? (await bigEnough(input))) ? startCheckWorkers() : null;
  let reader: CsvReader;
  try {
    reader = await openCsv(input, { ...options.csv, file: path });
  } catch (error) {
    await workers?.stop();
    throw error;
  }
  const setup: CheckSetup = {
    file: path,
    header: reader.header,
    rawHeader: reader.rawHeader,
    headerLine: reader.dialect.headerLine,
    dialect: reader.dialect,
    importDate: options.importDate,
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.templateHeader ? { templateHeader: options.templateHeader } : {}),
    ...(options.imminentDays !== undefined ? { imminentDays: options.imminentDays } : {}),
    ...(options.maxIssues !== undefined ? { maxIssues: options.maxIssues } : {}),
  };
  if (workers !== null && typeof input === 'string') {
    await reader.close();
    return workers.run(input, setup, options.csv ?? {}, options.onProgress);
  }
  return checkHere(reader, setup, options);
}

/** The worker scripts exist only in the build (running from TypeScript sources, they do not). */
const WORKERS_BUILT = import.meta.url.endsWith('.js');

async function bigEnough(input: string): Promise<boolean> {
  if (!WORKERS_BUILT || availableParallelism() < 2) return false;
  try {
    return (await stat(input)).size >= WORKER_MIN_BYTES;
  } catch {
    return false;
  }
}

async function checkHere(
  reader: CsvReader,
  setup: CheckSetup,
  options: CheckFileOptions,
): Promise<CheckResult> {
  const session = new CheckSession(setup);
  let rows = 0;
  const progress = options.onProgress ? everyFewRows(options.onProgress) : null;
  try {
    for await (const batch of reader.rangeBatches()) {
      rows = session.batch(batch);
      progress?.(rows, reader.stats.bytes);
    }
  } catch (error) {
    session.dispose();
    throw error;
  }
  return session.finish(rows, reader.fileIssues);
}
