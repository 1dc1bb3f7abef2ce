/**
 * Scan files and folders (recursively; .git and node_modules skipped, symlinks not followed).
 * @module
 */
import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ToolkitError } from '../core/index.js';
import { scanFile } from './scan-file.js';
import type { FileScanResult, ScanFinding, ScanOptions } from './scan-finding.js';

const ALWAYS_SKIPPED = ['.git', 'node_modules'];

/** What a scan of several paths found. */
export interface ScanReport {
  readonly files: number;
  readonly bytes: number;
  readonly findings: readonly ScanFinding[];
  /** Findings including those beyond the per-file cap. */
  readonly total: number;
  /** Files the time cap stopped early. */
  readonly truncated: readonly string[];
}

function skipped(root: string, path: string, exclude: readonly string[]): boolean {
  const rel = relative(root, path).split(sep).join('/');
  const segments = rel.split('/');
  return exclude.some((e) => segments.includes(e) || rel === e || rel.startsWith(`${e}/`));
}

async function* walk(root: string, path: string, exclude: readonly string[]): AsyncGenerator<string> {
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(path);
  } catch (cause) {
    throw new ToolkitError('FILE_NOT_FOUND', `${path} does not exist.`, { cause, context: { path } });
  }
  if (info.isFile()) yield path;
  if (!info.isDirectory()) return;
  const entries = await readdir(path);
  entries.sort();
  for (const name of entries) {
    const child = join(path, name);
    if (!skipped(root, child, exclude)) yield* walk(root, child, exclude);
  }
}

/** Scan every file under `paths`. */
export async function scanPaths(paths: readonly string[], options: ScanOptions = {}): Promise<ScanReport> {
  const exclude = [...ALWAYS_SKIPPED, ...(options.exclude ?? [])];
  const results: FileScanResult[] = [];
  // files in the order given: the ids of the CSV files are known when a report is scanned
  const scan = { ...options, seenIds: options.seenIds ?? new Set<string>() };
  for (const root of paths)
    for await (const file of walk(root, root, exclude)) results.push(await scanFile(file, scan));
  return {
    files: results.length,
    bytes: results.reduce((n, r) => n + r.bytes, 0),
    findings: results.flatMap((r) => r.findings),
    total: results.reduce((n, r) => n + r.total, 0),
    truncated: results.filter((r) => r.truncated).map((r) => r.file),
  };
}
