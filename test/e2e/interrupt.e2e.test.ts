/**
 * A run stopped by a signal leaves nothing half-written: the CLI removes the `.partial` outputs
 * and the temp folders (cross-row index, check worker, staging) it had, says INTERRUPTED in one
 * line and exits 2. An interrupted build leaves an earlier build's outputs as they were.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cardCsv } from '../integration/tokenize/synthetic-cards.js';
import { kmigrate, ROOT, tempDir } from '../support/cli.js';
import { fullRow, TX_COLUMNS, toCsv } from '../support/konnektive-rows.js';

const fx = tempDir();
afterAll(fx.cleanup);
const tmp = join(fx.dir, 'tmp');
mkdirSync(tmp);

interface Stopped {
  readonly code: number | null;
  readonly stderr: string;
}

/** orders.csv: the demo export repeated to ~150K rows, several seconds of work, so a signal lands mid-run. */
function writeBigOrders(): void {
  const file = join(fx.dir, 'orders.csv');
  if (existsSync(file)) return;
  const demo = readFileSync(join(ROOT, 'examples/demo/exports/orders.csv'), 'utf8').trimEnd().split('\r\n');
  const body = demo.slice(1).join('\n');
  writeFileSync(file, `${demo[0]}\n${Array(2800).fill(body).join('\n')}\n`);
}

/** Whether a staging folder of a build in `out` holds `file`. */
function staged(out: string, file: string): boolean {
  if (!existsSync(out)) return false;
  return readdirSync(out).some((d) => d.startsWith('.kmigrate-build-') && existsSync(join(out, d, file)));
}

/** Every entry of `dir` (names in order) with its bytes. */
function snapshot(dir: string): Record<string, Buffer> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name))]),
  );
}

/** Start the CLI, send `signal` once `ready()` holds, and wait for the exit. */
function interrupt(
  args: readonly string[],
  ready: () => boolean,
  signal: NodeJS.Signals,
  env: Record<string, string> = {},
): Promise<Stopped> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'kmigrate.js'), ...args], {
    cwd: fx.dir,
    env: { ...process.env, TMPDIR: tmp, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const poll = setInterval(() => {
    if (ready()) {
      clearInterval(poll);
      child.kill(signal);
    }
  }, 5);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ code, stderr });
    }),
  );
}

describe('interrupted runs', () => {
  it('build: SIGINT while writing removes the .partial files and the temp folders, exit 2', async () => {
    writeBigOrders();
    const config = readFileSync(join(ROOT, 'examples/demo/migration.yaml'), 'utf8');
    writeFileSync(
      join(fx.dir, 'migration.yaml'),
      config.replace('file: exports/orders.csv', 'file: orders.csv'),
    );
    const out = join(fx.dir, 'out');
    // the outputs are written in a staging folder inside --out, published when the build ends
    const run = await interrupt(
      ['build', '--config', join(fx.dir, 'migration.yaml'), '--out', out, '--cleartext-cards'],
      () => staged(out, 'transactions.csv.partial'),
      'SIGINT',
    );
    expect(run.stderr).toMatch(
      /^kmigrate: INTERRUPTED: stopped by SIGINT; \d+ partial file\(s\) or temp folder\(s\) removed\.\n$/,
    );
    expect(run.code).toBe(2);
    // nothing left: no partial file, no staging folder, no output
    expect(readdirSync(out)).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('build: an interrupted build leaves the outputs of an earlier complete build as they were', async () => {
    // a transactions and a notes section: the signal lands once the new transactions.csv is
    // complete, while the notes are written (before, such a build removed the files it had
    // published: the folder was left with no transactions.csv)
    const config = readFileSync(join(ROOT, 'examples/demo/migration.yaml'), 'utf8');
    const notes =
      '\nnotes:\n  source: orders\n  columns:\n    customerId: { from: Customer ID }\n    dateCreated: { from: Created }\n    note: { value: Migrated order }\n';
    writeFileSync(join(fx.dir, 'earlier.yaml'), config + notes);
    writeFileSync(
      join(fx.dir, 'later.yaml'),
      config.replace('file: exports/orders.csv', 'file: orders.csv') + notes,
    );
    writeBigOrders();
    cpSync(join(ROOT, 'examples/demo/exports'), join(fx.dir, 'exports'), { recursive: true });
    const out = join(fx.dir, 'out-kept');
    const earlier = kmigrate(['build', '--config', 'earlier.yaml', '--out', out, '--cleartext-cards'], {
      cwd: fx.dir,
    });
    expect(earlier.stderr).toBe('');
    const before = snapshot(out);
    expect(Object.keys(before)).toEqual([
      'customer-notes.csv',
      'rejects.csv',
      'report.html',
      'report.json',
      'transactions.csv',
    ]);
    const size = before['transactions.csv']?.length;
    // the later build's transactions.csv is complete (published, or staged for publication)
    const done = (): boolean =>
      (existsSync(join(out, 'transactions.csv')) && statSync(join(out, 'transactions.csv')).size !== size) ||
      staged(out, 'transactions.csv');
    const run = await interrupt(
      ['build', '--config', join(fx.dir, 'later.yaml'), '--out', out, '--cleartext-cards'],
      done,
      'SIGTERM',
    );
    expect(run.stderr).toMatch(/^kmigrate: INTERRUPTED: stopped by SIGTERM/);
    expect(run.code).toBe(2);
    expect(snapshot(out)).toEqual(before);
  });

  it("build: a build with fewer outputs removes the earlier build's outputs it does not have", () => {
    const out = join(fx.dir, 'out-kept');
    const r = kmigrate(
      ['build', '--config', join(ROOT, 'examples/demo/migration.yaml'), '--out', out, '--cleartext-cards'],
      { cwd: fx.dir },
    );
    expect(r.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual([
      'rejects.csv',
      'report.html',
      'report.json',
      'transactions.csv',
    ]);
  });

  it('check on two threads: SIGTERM removes the check worker temp folder, exit 2', async () => {
    // > 32 MiB: the check runs on its two worker threads
    const rows = Array.from({ length: 2000 }, (_, i) => fullRow(i));
    const block = toCsv(rows, TX_COLUMNS).split('\n').slice(1).join('\n').trimEnd();
    const file = join(fx.dir, 'big.csv');
    writeFileSync(file, `${TX_COLUMNS.join(',')}\n${Array(75).fill(block).join('\n')}\n`);
    const started = (): boolean => readdirSync(tmp).some((d) => d.startsWith('kmigrate-check-'));
    const run = await interrupt(['check', file, '--import-date', '2026-12-01'], started, 'SIGTERM');
    expect(run.stderr).toMatch(/INTERRUPTED: stopped by SIGTERM/);
    expect(run.code).toBe(2);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('tokenize: SIGTERM mid-run is audited as an interrupted run (PCI DSS 10.2), its partial file removed', async () => {
    const kek = randomBytes(32).toString('hex');
    const env = { KMIGRATE_VAULT_KEK: kek, KMIGRATE_VAULT: join(fx.dir, 'vault.db') };
    expect(kmigrate(['vault', 'init'], { cwd: fx.dir, env }).code).toBe(0);
    writeFileSync(join(fx.dir, 'cards.csv'), cardCsv(300_000).csv);
    const partial = join(fx.dir, 'tok.csv.partial');
    const run = await interrupt(
      ['tokenize', 'cards.csv', '-o', 'tok.csv', '--columns', 'card_number'],
      () => existsSync(partial),
      'SIGTERM',
      env,
    );
    expect(run.code).toBe(2);
    expect(existsSync(partial)).toBe(false);
    const audit = readFileSync(join(fx.dir, 'vault.db.audit.jsonl'), 'utf8').trimEnd().split('\n');
    expect(JSON.parse(audit.at(-1) ?? '{}')).toMatchObject({
      action: 'tokenize',
      result: 'failure',
      detail: 'INTERRUPTED',
    });
  });
});
