// build writes into a hidden staging folder inside --out and publishes the set at the end: an error
// raised while building names the output's path in --out, never the staging folder (removed, and
// never shown to the user).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kmigrate, ROOT, tempDir } from '../support/cli.js';

const demoConfig = readFileSync(join(ROOT, 'examples/demo/migration.yaml'), 'utf8').replace(
  'file: exports/orders.csv',
  'file: orders.csv',
);
const demoSource = readFileSync(join(ROOT, 'examples/demo/exports/orders.csv'));

const t = tempDir({ 'orders.csv': demoSource });
afterAll(t.cleanup);

/** Write `config` as NAME.yaml beside orders.csv; returns its path and the --out folder NAME-out. */
/** The script and arguments of `kmigrate build` of workspace `w` into its out folder. */
function buildArgs(w: { config: string; out: string }): string[] {
  return [
    join(ROOT, 'bin', 'kmigrate.js'),
    'build',
    '--config',
    w.config,
    '--out',
    w.out,
    '--cleartext-cards',
  ];
}

function workspace(name: string, config: string): { config: string; out: string } {
  const path = join(t.dir, `${name}.yaml`);
  writeFileSync(path, config);
  return { config: path, out: join(t.dir, `${name}-out`) };
}

/** The one line on stderr, which must not name the staging folder; and --out holds nothing. */
function expectOneLineInOut(stderr: string, out: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toContain('.kmigrate-build');
  expect(readdirSync(out)).toEqual([]);
  return lines[0] ?? '';
}

describe('build: errors raised while building name the output path in --out, not the staging folder', () => {
  it('SCAN_LEAK_DETECTED from the post-build leak check names the leaking file in --out', () => {
    // a card number in a column that is not cardNumber reaches the written files: the leak check
    // after the build finds it
    const w = workspace(
      'leak',
      demoConfig
        .replace('customerId: { from: Customer ID }', 'customerId: { from: Card Number }')
        .replace('cardNumber: { from: Card Number }', 'cardNumber: { value: "" }'),
    );
    const r = kmigrate(['build', '--config', w.config, '--out', w.out]);
    expect(r.code, r.stderr).toBe(2);
    const line = expectOneLineInOut(r.stderr, w.out);
    expect(
      line.startsWith(`kmigrate: SCAN_LEAK_DETECTED: ${join(w.out, 'rejects.csv')} holds a card number (`),
    ).toBe(true);
    expect(line).toMatch(
      /\(555555\*{6}4444\) at line \d+, column customerId; nothing was published: this build's outputs were discarded, and the files already in /,
    );
    expect(line).toContain(`the files already in ${w.out} are untouched.`);
    expect(line).not.toContain('removed');
    // customerId is no card column: tokenizing the card columns would not help
    expect(line).toContain('Column customerId is not a card-number column');
    expect(line).not.toContain('Tokenize the card source first');
  });

  it("a build failing its leak check leaves an earlier build's outputs in --out as they were, and says so", () => {
    const w = workspace(
      'leak-earlier',
      demoConfig
        .replace('customerId: { from: Customer ID }', 'customerId: { from: Card Number }')
        .replace('cardNumber: { from: Card Number }', 'cardNumber: { value: "" }'),
    );
    const earlier = tempDir({ 'rejects.csv': 'earlier rejects\n', 'report.json': '{"earlier":true}\n' });
    try {
      const r = kmigrate(['build', '--config', w.config, '--out', earlier.dir]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${join(earlier.dir, 'rejects.csv')} holds a card number (`);
      expect(r.stderr).toContain(
        `; nothing was published: this build's outputs were discarded, and the files already in ${earlier.dir} are untouched.`,
      );
      expect(readdirSync(earlier.dir).sort()).toEqual(['rejects.csv', 'report.json']);
      expect(readFileSync(join(earlier.dir, 'rejects.csv'), 'utf8')).toBe('earlier rejects\n');
      expect(readFileSync(join(earlier.dir, 'report.json'), 'utf8')).toBe('{"earlier":true}\n');
    } finally {
      earlier.cleanup();
    }
  });

  it('FILE_UNWRITABLE for an output the file system refuses (a name too long) names it in --out', () => {
    const long = `${'n'.repeat(300)}.csv`;
    const w = workspace(
      'long',
      demoConfig.replace(
        '\nlookups:',
        `\nnotes:\n  source: orders\n  file: ${long}\n  columns:\n    customerId: { from: Customer ID }\n    dateCreated: { from: Created }\n    note: { from: Status }\n\nlookups:`,
      ),
    );
    const r = kmigrate(['build', '--config', w.config, '--out', w.out, '--cleartext-cards']);
    expect(r.code, r.stderr).toBe(2);
    expect(expectOneLineInOut(r.stderr, w.out)).toBe(
      `kmigrate: FILE_UNWRITABLE: The output CSV file ${join(w.out, long)} could not be written (ENAMETOOLONG).`,
    );
  });

  it('FILE_UNWRITABLE for an output that cannot grow (file size limit) names it in --out', () => {
    const w = workspace('full', demoConfig);
    // 8 KiB per file: the demo's transactions.csv is larger (node ignores SIGXFSZ: the write fails)
    const r = spawnSync(
      'bash',
      ['-c', 'ulimit -f 8 && exec "$@"', 'bash', process.execPath, ...buildArgs(w)],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status, r.stderr).toBe(2);
    expect(expectOneLineInOut(r.stderr, w.out)).toBe(
      `kmigrate: FILE_UNWRITABLE: The output CSV file ${join(w.out, 'transactions.csv')} could not be written (EFBIG).`,
    );
    expect(existsSync(join(w.out, 'transactions.csv'))).toBe(false);
  });
});

describe('build: staging folders of other builds in --out', () => {
  it('one left by a build that no longer runs is removed by the next build', () => {
    const w = workspace('orphans', demoConfig);
    // a process that has ended: its pid runs nothing now
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const orphan = join(w.out, `.kmigrate-build-${gone}-0badc0de`);
    mkdirSync(orphan, { recursive: true });
    writeFileSync(join(orphan, 'transactions.csv.partial'), 'customerId\n');
    const r = kmigrate(['build', '--config', w.config, '--out', w.out, '--cleartext-cards']);
    expect(r.code, r.stderr).toBe(1);
    expect(readdirSync(w.out).sort()).toEqual([
      'rejects.csv',
      'report.html',
      'report.json',
      'transactions.csv',
    ]);
  });

  it('one whose build still runs: two builds into one folder are refused, nothing touched', () => {
    const w = workspace('concurrent', demoConfig);
    const live = join(w.out, `.kmigrate-build-${process.pid}-00c0ffee`);
    mkdirSync(live, { recursive: true });
    writeFileSync(join(live, 'transactions.csv.partial'), 'customerId\n');
    const r = kmigrate(['build', '--config', w.config, '--out', w.out, '--cleartext-cards']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `kmigrate: USAGE: Another build (process ${process.pid}) is writing into ${w.out}: wait for it to end, or build into another folder (--out). If no build runs, remove ${live}.`,
    );
    expect(readdirSync(w.out)).toEqual([`.kmigrate-build-${process.pid}-00c0ffee`]);
    expect(existsSync(join(live, 'transactions.csv.partial'))).toBe(true);
  });

  it('builds started together into one folder: never two publish, a refused one says why, nothing left over', async () => {
    const w = workspace('together', demoConfig);
    const run = (): Promise<{ code: number | null; stderr: string }> =>
      new Promise((done) => {
        const child = spawn(process.execPath, buildArgs(w), { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        child.on('close', (code) => done({ code, stderr }));
      });
    const results = await Promise.all([run(), run(), run(), run()]);
    for (const r of results) {
      // the demo build's own outcome (1: rows rejected), or refused with the reason
      if (r.code === 2)
        expect(r.stderr).toMatch(/^kmigrate: USAGE: Another build \(process \d+\) is writing into /);
      else expect(r.code, r.stderr).toBe(1);
    }
    // (all may be refused when they look at the same moment: then nothing is published)
    const published = results.some((r) => r.code === 1);
    expect(readdirSync(w.out).sort()).toEqual(
      published ? ['rejects.csv', 'report.html', 'report.json', 'transactions.csv'] : [],
    );
  });
});
