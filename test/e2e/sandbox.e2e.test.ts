import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kmigrate, ROOT, tempDir } from '../support/cli.js';
import { toCsv } from '../support/konnektive-rows.js';
import { fixtureRows } from './verify-fixture.js';

const t = tempDir({ 'in.csv': toCsv(fixtureRows(5)) });
let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.pid !== undefined && child.exitCode === null) child.kill('SIGTERM');
  t.cleanup();
});

function serve(args: readonly string[]): Promise<string> {
  child = spawn(process.execPath, [join(ROOT, 'bin', 'kmigrate.js'), 'sandbox', ...args], {
    env: { ...process.env, KMIGRATE_API_LOGIN_ID: 'u', KMIGRATE_API_PASSWORD: 'p' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child?.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child?.on('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
  });
}

describe('kmigrate sandbox', () => {
  it('imports into a database file, then serves it on 127.0.0.1 until stopped', async () => {
    const db = join(t.dir, 'crm.db');
    const imported = kmigrate(['sandbox', 'import', join(t.dir, 'in.csv'), '--db', db]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('5 customer(s), 9 order(s), 5 purchase(s), 10 transaction(s)');
    const url = await serve(['--port', '0', '--db', db]);
    const res = await fetch(`${url}/customer/query/`, {
      method: 'POST',
      body: new URLSearchParams({
        loginId: 'u',
        password: 'p',
        emailAddress: 'avery3@example.com',
        startDate: '01/01/2026',
        endDate: '12/31/2026',
      }),
    });
    const body = (await res.json()) as {
      result: string;
      message: { totalResults: number; data: { lastName: string }[] };
    };
    expect(body.result).toBe('SUCCESS');
    expect(body.message.data.map((c) => c.lastName)).toEqual(['Testwood3']);
    const exited = new Promise<number | null>((resolve) => child?.on('exit', resolve));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it("refuses, like the vendor's import, a file with errors: nothing is imported", () => {
    const rows = fixtureRows(3).map((r, i) => (i === 1 ? { ...r, txnType: 'VOID', nextBillDate: '' } : r));
    writeFileSync(join(t.dir, 'bad.csv'), toCsv(rows));
    const db = join(t.dir, 'refused.db');
    const r = kmigrate(['sandbox', 'import', join(t.dir, 'bad.csv'), '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^kmigrate: SANDBOX_IMPORT_REFUSED: .* has \d+ error\(s\) .*first: REQUIRED_IF_MISSING at row 2/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
