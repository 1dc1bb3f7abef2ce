import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../src/verify/index.js';
import { customerRows, fixtureRows } from './verify-fixture.js';
import { CREDS, cli, crmId, type Loaded, loadSandbox, readJson } from './verify-harness.js';

let loaded: Loaded | undefined;
afterEach(async () => {
  await loaded?.close();
  loaded = undefined;
});

async function verify(l: Loaded, extra: readonly string[] = []) {
  const out = join(l.dir, 'verify');
  const r = await cli(['verify', l.file, '--api', l.sandbox.url, '-o', out, ...extra]);
  const report = r.code === 2 ? null : readJson<VerifyResult>(join(out, 'report.json'));
  return { ...r, out, report };
}

describe('verify against the sandbox', () => {
  it('a clean import verifies 100% and writes the ID map', async () => {
    loaded = await loadSandbox(fixtureRows(12));
    const r = await verify(loaded);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.report?.passed).toBe(12);
    expect(r.report?.failed).toBe(0);
    const idmap = readFileSync(join(r.out, 'idmap.csv'), 'utf8').trim().split('\n');
    expect(idmap[0]).toBe('legacyCustomerId,legacyOrderId,crmCustomerId,crmOrderId,crmPurchaseIds');
    const c1 = idmap.filter((l) => l.startsWith('C1,'));
    expect(c1).toHaveLength(2);
    for (const line of c1) expect(line).toMatch(/^C1,O1B?,\d+,\d+,\d+$/);
    expect(readFileSync(join(r.out, 'report.csv'), 'utf8').split('\n')[0]).toBe(
      'customerId,crmCustomerId,status,field,expected,actual',
    );
    expect(readFileSync(join(r.out, 'report.html'), 'utf8')).toContain(
      '12 of 12 customer(s) verified (100%)',
    );
  });

  it('reads a sample whose header spells customerId as a vendor template does (CustomerID), as sample writes it', async () => {
    loaded = await loadSandbox(fixtureRows(3));
    const text = readFileSync(loaded.file, 'utf8');
    writeFileSync(loaded.file, text.replace(/^customerId,/, 'CustomerID,'));
    const r = await verify(loaded);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.report?.passed).toBe(3);
  });

  it('reports each planted difference for the right customer and field, and nothing else', async () => {
    loaded = await loadSandbox(fixtureRows(12), {}, (db) => {
      const set = (sql: string, legacy: string): void => {
        db.prepare(sql).run(crmId(db, legacy));
      };
      set("UPDATE purchases SET nextBillDate = '2030-01-01' WHERE customerId = ?", 'C1');
      const c2 = crmId(db, 'C2');
      for (const t of ['customers', 'orders', 'transactions', 'purchases'])
        db.prepare(`DELETE FROM ${t} WHERE customerId = ?`).run(c2);
      set("UPDATE purchases SET merchantId = '99' WHERE customerId = ?", 'C3');
      set("UPDATE purchases SET status = 'CANCELLED' WHERE customerId = ?", 'C4');
      set("UPDATE purchases SET price = '1.00' WHERE customerId = ?", 'C6');
      set("DELETE FROM transactions WHERE txnType = 'REFUND' AND customerId = ?", 'C10');
    });
    const r = await verify(loaded);
    expect(r.code).toBe(1);
    const diffs = r.report?.customers.flatMap((c) => c.differences.map((d) => `${d.customerId} ${d.field}`));
    expect(diffs?.sort()).toEqual(
      [
        'C1 purchase[102].nextBillDate',
        'C2 customer',
        'C3 purchase[102].merchantId',
        'C4 purchase[101].status',
        'C6 purchase[101].price',
        'C10 transaction[T10R]',
      ].sort(),
    );
    expect(r.report?.passed).toBe(6);
    const csv = readFileSync(join(r.out, 'report.csv'), 'utf8');
    expect(csv).toContain('C1,');
    expect(csv).toMatch(/C6,\d+,fail,purchase\[101\]\.price,29\.95,1\.00/);
    expect(r.stdout).toContain('C3  purchase[102].merchantId: expected 7, CRM has 99');
  });

  it('retries through a rate limit and still verifies everything', async () => {
    loaded = await loadSandbox(fixtureRows(10), { rateLimit: 30 });
    const r = await verify(loaded, ['--concurrency', '8']);
    expect(r.code).toBe(0);
    expect(r.report?.rateLimited).toBeGreaterThan(0);
    expect(loaded.sandbox.stats.rateLimited).toBe(r.report?.rateLimited);
  });

  it('--live-test force-bills and refunds on the sandbox; a declining test card fails its customer', async () => {
    const rows = [
      ...customerRows(1),
      ...customerRows(2).map((r) => ({ ...r, cardNumber: '4000000000000002' })),
    ];
    loaded = await loadSandbox(rows);
    const r = await verify(loaded, ['--live-test', '2']);
    expect(r.stderr).toMatch(/LIVE TEST: charge 34\.90 to customer C1 .*then refund it in full/);
    expect(r.report?.liveTest.map((l) => [l.customerId, l.rebill, l.refund])).toEqual([
      ['C1', 'APPROVED', 'REFUNDED'],
      ['C2', 'DECLINED (HARD_DECLINE)', 'SKIPPED'],
    ]);
    expect(r.code).toBe(1);
    expect(r.report?.customers.find((c) => c.customerId === 'C2')?.differences.map((d) => d.field)).toEqual([
      'liveTest.rebill',
    ]);
  });

  it('--live-test puts the next bill date back after the Force Bill: a second verify finds the import as it was', async () => {
    loaded = await loadSandbox(fixtureRows(3));
    const first = await verify(loaded, ['--live-test', '3']);
    expect(first.code).toBe(0);
    expect(first.report?.liveTest.map((l) => l.nextBillDate)).toEqual([
      'RESTORED 2027-02-15',
      'RESTORED 2027-03-15',
      'RESTORED 2027-04-15',
    ]);
    const again = await verify(loaded);
    expect(again.report?.customers.flatMap((c) => c.differences)).toEqual([]);
    expect(again.code).toBe(0);
  });

  it('reads credentials from --credentials-file when the environment has none', async () => {
    loaded = await loadSandbox(fixtureRows(2));
    const file = join(loaded.dir, 'api.env');
    writeFileSync(
      file,
      `KMIGRATE_API_LOGIN_ID=${CREDS.KMIGRATE_API_LOGIN_ID}\nKMIGRATE_API_PASSWORD="${CREDS.KMIGRATE_API_PASSWORD}"\n`,
    );
    const r = await cli(
      [
        'verify',
        loaded.file,
        '--api',
        loaded.sandbox.url,
        '-o',
        join(loaded.dir, 'v'),
        '--credentials-file',
        file,
      ],
      {},
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2/2 customer(s) pass');
  });

  it('refuses credentials that are missing or wrong, and never echoes the password', async () => {
    loaded = await loadSandbox(fixtureRows(2));
    const missing = await cli(
      ['verify', loaded.file, '--api', loaded.sandbox.url, '-o', join(loaded.dir, 'v')],
      {},
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('API_CREDENTIALS_MISSING');
    const wrong = await cli(
      ['verify', loaded.file, '--api', loaded.sandbox.url, '-o', join(loaded.dir, 'v')],
      {
        ...CREDS,
        KMIGRATE_API_PASSWORD: 'nope-Secret',
      },
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('API_AUTH_FAILED');
    expect(wrong.stderr + wrong.stdout).not.toContain('nope-Secret');
  });
});

describe('verify refuses to reach out by mistake', () => {
  it('refuses a non-loopback URL without --allow-remote (no request is made)', async () => {
    const r = await cli(['verify', 'nothing.csv', '--api', 'https://api.konnektive.com']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('API_REMOTE_REFUSED');
  });

  it('refuses --live-test on a remote CRM without the confirmation flag, before any request', async () => {
    const r = await cli([
      'verify',
      'nothing.csv',
      '--api',
      'https://api.konnektive.com',
      '--allow-remote',
      '--live-test',
      '1',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('LIVE_TEST_REFUSED');
  });

  it('refuses --live-test on a loopback API that is not the sandbox, before charging anything', async () => {
    loaded = await loadSandbox(fixtureRows(2));
    const target = loaded.sandbox.url;
    const proxy = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        void fetch(`${target}${req.url ?? '/'}`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
          .then((r) => r.text())
          .then((text) => res.end(text));
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const before = loaded.db.prepare("SELECT count(*) AS n FROM transactions WHERE txnType = 'SALE'").get();
    const r = await cli([
      'verify',
      loaded.file,
      '--api',
      url,
      '-o',
      join(loaded.dir, 'v'),
      '--live-test',
      '1',
    ]);
    proxy.closeAllConnections();
    proxy.close();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('LIVE_TEST_REFUSED');
    expect(loaded.db.prepare("SELECT count(*) AS n FROM transactions WHERE txnType = 'SALE'").get()).toEqual(
      before,
    );
  });

  it('after a fatal API error, ends the requests still waiting on a hung server and starts no more', async () => {
    loaded = await loadSandbox(fixtureRows(12));
    let received = 0;
    let ended = 0;
    const hung = createServer((req, res) => {
      received++;
      req.resume();
      req.on('end', () => {
        if (received === 1) res.end(JSON.stringify({ result: 'ERROR', message: 'Internal failure' }));
      });
      res.on('close', () => {
        ended++;
      });
    });
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
    const r = await cli(['verify', loaded.file, '--api', url, '-o', join(loaded.dir, 'v')]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const seen = received;
    const closed = ended;
    hung.closeAllConnections();
    hung.close();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('API_ERROR');
    expect(seen).toBeGreaterThan(1); // other customers' requests were in flight
    expect(closed).toBe(seen); // …and none is left waiting
  });

  it('--timeout bounds how long one request may take (a server that never answers)', async () => {
    loaded = await loadSandbox(fixtureRows(2));
    const silent = createServer((req) => req.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const started = Date.now();
    const r = await cli([
      'verify',
      loaded.file,
      '--api',
      url,
      '-o',
      join(loaded.dir, 'v'),
      '--timeout',
      '1',
      '--retries',
      '0',
    ]);
    const took = Date.now() - started;
    silent.closeAllConnections();
    silent.close();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('API_UNREACHABLE');
    expect(took).toBeLessThan(15_000);
    const bad = await cli(['verify', loaded.file, '--api', url, '--timeout', '0']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('from 1 to 600')]);
  });

  it('refuses (exit 2, USAGE) reports that would replace the sample, before any request', async () => {
    loaded = await loadSandbox(fixtureRows(2));
    const sample = join(loaded.dir, 'report.csv');
    const text = readFileSync(loaded.file, 'utf8');
    writeFileSync(sample, text);
    const before = loaded.sandbox.stats.requests;
    const r = await cli(['verify', sample, '--api', loaded.sandbox.url, '-o', loaded.dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('USAGE');
    expect(readFileSync(sample, 'utf8')).toBe(text);
    expect(loaded.sandbox.stats.requests).toBe(before);
  });

  it('refuses --password on the command line', async () => {
    const r = await cli(['verify', 'x.csv', '--api', 'http://127.0.0.1:1', '--password', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('secrets are never taken from the command line');
  });
});
