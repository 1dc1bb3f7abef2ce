/**
 * The staging database: an embedded SQLite file in the workspace (`.kmigrate/staging.sqlite`,
 * kept between runs so unchanged inputs are not staged again) or, for a config folder that is
 * not a workspace, a temp file removed when the build ends.
 * @module
 */
import { chmodSync, closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { onInterrupt } from '../core/index.js';

/** better-sqlite3, loaded with the first staging database (a single-file build needs none). */
let sqlite: typeof Database | null = null;
function openDatabase(): typeof Database {
  sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  return sqlite;
}

/** The folder that marks a migration workspace (created by `kmigrate init`). */
export const WORKSPACE_DIR = '.kmigrate';

/** An open staging database. */
export interface StagingDb {
  readonly db: Database.Database;
  readonly path: string;
  /** True when the file is a temp file (not a workspace's). */
  readonly temporary: boolean;
  close(): Promise<void>;
}

/** Open the staging database of the config folder `baseDir`. */
export async function openStagingDb(baseDir: string): Promise<StagingDb> {
  const workspace = join(baseDir, WORKSPACE_DIR);
  const temporary = !existsSync(workspace);
  const dir = temporary ? await mkdtemp(join(tmpdir(), 'kmigrate-stage-')) : workspace;
  const path = join(dir, 'staging.sqlite');
  const forget = temporary
    ? onInterrupt(() => rmSync(dir, { recursive: true, force: true }))
    : () => undefined;
  // the staged sources hold the exports' customer data: readable by the owner only (like the vault)
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  if (!temporary) chmodSync(dir, 0o700);
  const db = new (openDatabase())(path);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -8000');
  db.pragma('temp_store = FILE');
  db.exec(
    'CREATE TABLE IF NOT EXISTS staged (name TEXT PRIMARY KEY, layout TEXT NOT NULL, rows INTEGER NOT NULL, header TEXT NOT NULL)',
  );
  return {
    db,
    path,
    temporary,
    close: async () => {
      db.close();
      if (temporary) await rm(dir, { recursive: true, force: true });
      forget();
    },
  };
}
