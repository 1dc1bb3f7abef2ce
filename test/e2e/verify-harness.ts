/**
 * In-process harness for verify/sandbox tests: a temp folder, a sandbox on 127.0.0.1:0 loaded
 * with a file, and `run()` of the CLI with captured output.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
import {
  importLegacyFile,
  openSandboxDb,
  type Sandbox,
  type SandboxDb,
  type SandboxOptions,
  startSandbox,
} from '../../src/sandbox/index.js';
import { type TxRow, toCsv } from '../support/konnektive-rows.js';

export const CREDS = { KMIGRATE_API_LOGIN_ID: 'api-user', KMIGRATE_API_PASSWORD: 'pw-Secret-123' };

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the CLI in-process. */
export async function cli(args: readonly string[], env: Record<string, string> = CREDS): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTty: false,
    env,
    today: () => '2026-06-01',
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

export interface Loaded {
  readonly dir: string;
  readonly file: string;
  readonly db: SandboxDb;
  readonly sandbox: Sandbox;
  close(): Promise<void>;
}

/** A temp dir with `rows` as sample.csv, imported into a fresh sandbox; `plant` runs before serving. */
export async function loadSandbox(
  rows: readonly TxRow[],
  options: Partial<SandboxOptions> = {},
  plant: (db: SandboxDb) => void = () => undefined,
): Promise<Loaded> {
  const dir = mkdtempSync(join(tmpdir(), 'kmigrate-verify-'));
  const file = join(dir, 'sample.csv');
  writeFileSync(file, toCsv(rows));
  const db = openSandboxDb();
  await importLegacyFile(db, file);
  plant(db);
  const sandbox = await startSandbox({
    db,
    loginId: CREDS.KMIGRATE_API_LOGIN_ID,
    password: CREDS.KMIGRATE_API_PASSWORD,
    ...options,
  });
  return {
    dir,
    file,
    db,
    sandbox,
    close: async () => {
      await sandbox.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The CRM customerId of a legacy customer in the sandbox. */
export function crmId(db: SandboxDb, legacyCustomerId: string): number {
  const row = db
    .prepare('SELECT customerId FROM customers WHERE legacyCustomerId = ?')
    .get(legacyCustomerId) as { customerId: number } | undefined;
  if (!row) throw new Error(`no customer ${legacyCustomerId}`);
  return row.customerId;
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
