/**
 * The same API facts, checked against the sandbox: the client and the sandbox agree on the
 * envelope, paging, date filters, "no results" and auth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCredentials, createKonnektiveClient } from '../../src/api-client/index.js';
import { isToolkitError } from '../../src/core/index.js';
import { foldCustomers, legacyRow } from '../../src/import-model/index.js';
import {
  importCustomers,
  openSandboxDb,
  type Sandbox,
  type SandboxDb,
  startSandbox,
} from '../../src/sandbox/index.js';
import { fixtureRows } from '../e2e/verify-fixture.js';
import { TX_COLUMNS } from '../support/konnektive-rows.js';

let db: SandboxDb;
let sandbox: Sandbox;

beforeAll(async () => {
  db = openSandboxDb();
  const rows = fixtureRows(130).map((r, i) =>
    legacyRow(
      TX_COLUMNS,
      TX_COLUMNS.map((c) => r[c] ?? ''),
      i + 1,
    ),
  );
  importCustomers(db, foldCustomers(rows));
  sandbox = await startSandbox({ db, loginId: 'u', password: 'p' });
});
afterAll(async () => {
  await sandbox.close();
  db.close();
});

const client = () =>
  createKonnektiveClient({
    baseUrl: sandbox.url,
    credentials: new ApiCredentials('u', 'p'),
    today: () => '2026-06-01',
  });

async function post(
  path: string,
  params: Record<string, string>,
): Promise<{ result: string; message: unknown }> {
  const res = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    body: new URLSearchParams({ loginId: 'u', password: 'p', ...params }),
  });
  expect(res.headers.get('x-kmigrate-sandbox')).toBe('1');
  return (await res.json()) as { result: string; message: unknown };
}

describe('sandbox API contract', () => {
  it('pages at most 200 rows with totalResults', async () => {
    const r = await post('/transactions/query/', {
      startDate: '01/01/2026',
      endDate: '12/31/2026',
      resultsPerPage: '500',
      page: '2',
    });
    expect(r.result).toBe('SUCCESS');
    expect(r.message).toMatchObject({ totalResults: 260, resultsPerPage: 200, page: 2 });
    expect((r.message as { data: unknown[] }).data).toHaveLength(60);
    expect(
      await client().transactions({ dateRange: { start: '2026-01-01', end: '2026-12-31' } }),
    ).toHaveLength(260);
  });

  it('wants MM/DD/YYYY dates unless an ID filter is given', async () => {
    expect((await post('/transactions/query/', { merchantTxnId: 'T1A' })).result).toBe('ERROR');
    expect(
      (
        await post('/transactions/query/', {
          merchantTxnId: 'T1A',
          startDate: '2026-01-01',
          endDate: '2026-12-31',
        })
      ).result,
    ).toBe('ERROR');
    expect((await client().transactions({ merchantTxnId: 'T1A' })).map((t) => t.merchantTxnId)).toEqual([
      'T1A',
    ]);
  });

  it('refuses a date that is no calendar date (13/45/2026)', async () => {
    const r = await post('/transactions/query/', { startDate: '13/45/2026', endDate: '12/31/2026' });
    expect(r).toEqual({
      result: 'ERROR',
      message: 'startDate and endDate are required in MM/DD/YYYY format unless an ID is given',
    });
  });

  it('reads % and _ in a partial e-mail filter as themselves, not as wildcards', async () => {
    const range = { startDate: '01/01/2020', endDate: '12/31/2030' };
    const count = async (emailAddress: string) => {
      const r = await post('/customer/query/', { emailAddress, ...range });
      return r.result === 'SUCCESS' ? (r.message as { totalResults: number }).totalResults : 0;
    };
    expect(await count('avery1')).toBeGreaterThan(0);
    expect(await count('a_ery1')).toBe(0);
    expect(await count('%')).toBe(0);
  });

  it('answers "No … matching those parameters could be found" for nothing, which the client reads as []', async () => {
    const r = await post('/purchase/query/', { customerId: '1' });
    expect(r).toEqual({ result: 'ERROR', message: 'No purchases matching those parameters could be found' });
    expect(await client().purchases({ customerId: '1' })).toEqual([]);
  });

  it('refuses wrong credentials with an ERROR envelope the client maps to API_AUTH_FAILED', async () => {
    const bad = createKonnektiveClient({ baseUrl: sandbox.url, credentials: new ApiCredentials('u', 'x') });
    const code = await bad.customers({ customerId: '1' }).then(
      () => 'resolved',
      (e: unknown) => (isToolkitError(e) ? e.code : 'other'),
    );
    expect(code).toBe('API_AUTH_FAILED');
  });

  it('keeps no full card number at rest', () => {
    const cols = ['transactions', 'purchases'].flatMap(
      (t) => db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[],
    );
    const text = JSON.stringify(cols);
    expect(text).not.toMatch(/\d{13,19}/);
    expect(text).toContain('411111******1111');
  });
});
