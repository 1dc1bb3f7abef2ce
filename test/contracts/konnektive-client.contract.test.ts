import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiCredentials,
  createKonnektiveClient,
  fetchTransport,
  type KonnektiveClient,
} from '../../src/api-client/index.js';
import { isToolkitError } from '../../src/core/index.js';
import { type FakeCrm, type FakeReply, type FakeRequest, startFakeCrm } from './fake-crm.js';

const creds = new ApiCredentials('api-user', 'pw-Secret-123');
let fake: FakeCrm | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function clientFor(
  reply: (req: FakeRequest, n: number) => FakeReply,
  maxRetries = 3,
): Promise<KonnektiveClient> {
  fake = await startFakeCrm(reply);
  return createKonnektiveClient({
    baseUrl: fake.url,
    credentials: creds,
    maxRetries,
    backoffMs: 1,
    today: () => '2026-06-01',
  });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (error) {
    return isToolkitError(error) ? error.code : `other: ${String(error)}`;
  }
}

const page = (data: unknown[], total: number, key = 'totalResults'): FakeReply => ({
  body: { result: 'SUCCESS', message: { [key]: total, resultsPerPage: 200, page: 1, data } },
});

describe('API client contract: transport and auth', () => {
  it('POSTs a form body with loginId/password to /<resource>/<action>/ and never puts them in the URL', async () => {
    const client = await clientFor(() => page([{ customerId: 5 }], 1));
    await client.customers({ customerId: '5' });
    const req = fake?.requests[0];
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/customer/query/');
    expect(req?.contentType).toBe('application/x-www-form-urlencoded');
    expect(req?.url).toBe('/customer/query/');
    expect(req?.params.get('loginId')).toBe('api-user');
    expect(req?.params.get('password')).toBe('pw-Secret-123');
    expect(String(creds)).not.toContain('pw-Secret');
    expect(JSON.stringify(creds)).not.toContain('pw-Secret');
  });

  it('maps an auth ERROR to API_AUTH_FAILED without retrying', async () => {
    const client = await clientFor(() => ({
      body: { result: 'ERROR', message: 'Invalid login credentials' },
    }));
    expect(await codeOf(client.orders({ orderId: '1' }))).toBe('API_AUTH_FAILED');
    expect(fake?.requests).toHaveLength(1);
  });

  it('cuts the password out of an ERROR text that echoes the request (auth and other errors)', async () => {
    const client = await clientFor((req) => ({
      body: {
        result: 'ERROR',
        message:
          req.params.get('customerId') === '1'
            ? `Invalid login api-user/${req.params.get('password')}`
            : `Bad request: ${new URLSearchParams(req.params).toString()}`,
      },
    }));
    for (const customerId of ['1', '2']) {
      const error = await client.customers({ customerId }).catch((e: unknown) => e);
      expect(isToolkitError(error) && error.code).toBe(customerId === '1' ? 'API_AUTH_FAILED' : 'API_ERROR');
      expect(String((error as Error).message)).toContain('***');
      expect(String((error as Error).message)).not.toContain('pw-Secret');
    }
  });

  it('maps a non-envelope body to API_BAD_RESPONSE and an unexpected ERROR to API_ERROR', async () => {
    const bad = await clientFor(() => ({ body: '<html>oops</html>' }));
    expect(await codeOf(bad.orders({ orderId: '1' }))).toBe('API_BAD_RESPONSE');
    await fake?.close();
    const err = await clientFor(() => ({ body: { result: 'ERROR', message: 'Campaign is not active' } }));
    expect(await codeOf(err.orders({ orderId: '1' }))).toBe('API_ERROR');
  });

  it('does not rely on the HTTP status when the body is an envelope', async () => {
    const client = await clientFor(() => ({ status: 500, ...page([{ orderId: 9 }], 1) }));
    expect((await client.orders({ orderId: '9' }))[0]?.orderId).toBe('9');
  });
});

describe('API client contract: envelopes, paging, "no results"', () => {
  it('follows pages of 200 until totalResults and reads IDs and money as strings', async () => {
    const rows = Array.from({ length: 450 }, (_, i) => ({
      transactionId: i + 1,
      totalAmount: 29.95,
      txnType: 'sale',
    }));
    const client = await clientFor((req) => {
      const p = Number(req.params.get('page'));
      const per = Number(req.params.get('resultsPerPage'));
      return page(rows.slice((p - 1) * per, p * per), rows.length);
    });
    const got = await client.transactions({ customerId: '1' });
    expect(got).toHaveLength(450);
    expect(got[449]).toMatchObject({ transactionId: '450', totalAmount: '29.95', txnType: 'SALE' });
    expect(fake?.requests.map((r) => [r.params.get('page'), r.params.get('resultsPerPage')])).toEqual([
      ['1', '200'],
      ['2', '200'],
      ['3', '200'],
    ]);
  });

  it('keeps paging to totalResults when the server caps its pages below 200 (no row silently dropped)', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => ({ transactionId: i + 1 }));
    const client = await clientFor((req) => {
      const p = Number(req.params.get('page'));
      return page(rows.slice((p - 1) * 100, p * 100), rows.length);
    });
    const got = await client.transactions({ customerId: '1' });
    expect(got.map((t) => t.transactionId)).toEqual(rows.map((r) => String(r.transactionId)));
    expect(fake?.requests).toHaveLength(3);
  });

  it('reads distinct pages whose rows carry none of the known fields (no false "does not page")', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ someOtherName: i + 1 }));
    const client = await clientFor((req) => {
      const p = Number(req.params.get('page'));
      return page(rows.slice((p - 1) * 200, p * 200), rows.length);
    });
    expect(await client.transactions({ customerId: '1' })).toHaveLength(400);
  });

  it('refuses (API_BAD_RESPONSE) a server that ignores the page and answers the same rows again', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ transactionId: i + 1 }));
    const client = await clientFor(() => ({ body: { result: 'SUCCESS', message: { data: rows } } }));
    expect(await codeOf(client.transactions({ customerId: '1' }))).toBe('API_BAD_RESPONSE');
    expect(fake?.requests).toHaveLength(2);
  });

  it('reads a page or an ERROR nested far too deep to print without crashing (coded, no stack overflow)', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const client = await clientFor((req) => ({
      body:
        req.params.get('customerId') === '1'
          ? `{"result":"SUCCESS","message":{"totalResults":1,"data":[${deep}]}}`
          : `{"result":"ERROR","message":${deep}}`,
    }));
    expect(await client.customers({ customerId: '1' })).toHaveLength(1);
    expect(await codeOf(client.customers({ customerId: '2' }))).toBe('API_ERROR');
  });

  it('accepts totalCount for totalResults and billerId for merchantId; normalizes status and dates', async () => {
    const client = await clientFor(() =>
      page(
        [{ purchaseId: 3, billerId: 7, status: 'Recycle Billing', nextBillDate: '01/15/2027' }],
        1,
        'totalCount',
      ),
    );
    expect((await client.purchases({ customerId: '1' }))[0]).toMatchObject({
      purchaseId: '3',
      merchantId: '7',
      status: 'RECYCLE_BILLING',
      nextBillDate: '2027-01-15',
    });
  });

  it('reads order items keyed by item ID', async () => {
    const client = await clientFor(() =>
      page(
        [{ orderId: 1, campaignId: 12, items: { 77: { orderItemId: 77, productId: 101, price: '29.95' } } }],
        1,
      ),
    );
    expect((await client.orders({ orderId: '1' }))[0]?.items).toEqual([
      expect.objectContaining({ orderItemId: '77', productId: '101', price: '29.95' }),
    ]);
  });

  it('treats "No … matching those parameters could be found" as zero rows', async () => {
    const client = await clientFor(() => ({
      body: { result: 'ERROR', message: 'No purchases matching those parameters could be found' },
    }));
    expect(await client.purchases({ customerId: '1' })).toEqual([]);
  });

  it('adds a MM/DD/YYYY date range when no ID filter is given, and none with an ID filter', async () => {
    const client = await clientFor(() => page([], 0));
    await client.transactions({ merchantTxnId: 'T1' });
    await client.transactions({ orderId: '5' });
    await client.purchases({
      customerId: '1',
      dateRange: { start: '2027-01-01', end: '2027-01-31', type: 'nextBillDate' },
    });
    const [byTxn, byOrder, byRange] = fake?.requests ?? [];
    expect([byTxn?.params.get('startDate'), byTxn?.params.get('endDate')]).toEqual([
      '01/01/2000',
      '06/02/2026',
    ]);
    expect(byTxn?.params.get('merchantTxnId')).toBe('T1');
    expect(byOrder?.params.has('startDate')).toBe(false);
    expect([byRange?.params.get('startDate'), byRange?.params.get('dateRangeType')]).toEqual([
      '01/01/2027',
      'nextBillDate',
    ]);
  });
});

describe('API client contract: rate limits', () => {
  it('retries rate-limit ERRORs and HTTP 429 with back-off, then succeeds', async () => {
    const client = await clientFor((_, n) =>
      n === 1
        ? { body: { result: 'ERROR', message: 'Rate limit exceeded: too many requests' } }
        : n === 2
          ? { status: 429, body: '' }
          : page([{ customerId: 1 }], 1),
    );
    expect(await client.customers({ customerId: '1' })).toHaveLength(1);
    expect(client.stats).toMatchObject({ requests: 3, retries: 2, rateLimited: 2 });
  });

  it("waits as long as a 429's Retry-After asks (at most a minute) before the retry", async () => {
    fake = await startFakeCrm((_, n) =>
      n === 1
        ? { status: 429, body: '', headers: { 'retry-after': '7' } }
        : n === 2
          ? { status: 429, body: '', headers: { 'retry-after': '86400' } }
          : page([{ customerId: 1 }], 1),
    );
    const waits: number[] = [];
    const client = createKonnektiveClient({
      baseUrl: fake.url,
      credentials: creds,
      backoffMs: 1,
      sleep: async (ms) => {
        waits.push(ms);
      },
      today: () => '2026-06-01',
    });
    expect(await client.customers({ customerId: '1' })).toHaveLength(1);
    expect(waits).toEqual([7000, 60_000]);
  });

  it('gives up with API_RATE_LIMITED after maxRetries', async () => {
    const client = await clientFor(() => ({ body: { result: 'ERROR', message: 'Too many requests' } }), 2);
    expect(await codeOf(client.customers({ customerId: '1' }))).toBe('API_RATE_LIMITED');
    expect(fake?.requests).toHaveLength(3);
  });

  it('never sends a charge or refund again after an answer that may mean it was applied (5xx); rate limits still retried', async () => {
    const client = await clientFor((_, n) =>
      n === 1 ? { status: 504, body: 'Gateway Timeout' } : { body: { result: 'SUCCESS', message: {} } },
    );
    expect(await codeOf(client.billNow('9'))).toBe('API_UNREACHABLE');
    expect(await codeOf(client.refundTransaction('7'))).toBe('resolved');
    expect(fake?.requests.map((r) => r.path)).toEqual(['/purchase/update/', '/transactions/refund/']);
    await fake?.close();
    const limited = await clientFor((_, n) =>
      n === 1
        ? { body: { result: 'ERROR', message: 'Rate limit exceeded: too many requests' } }
        : { body: { result: 'SUCCESS', message: {} } },
    );
    expect(await codeOf(limited.billNow('9'))).toBe('resolved');
    expect(fake?.requests).toHaveLength(2);
  });

  it('refuses (API_BAD_RESPONSE, no retry) an answer larger than the cap instead of reading it all into memory', async () => {
    fake = await startFakeCrm(() => ({ body: { result: 'SUCCESS', message: 'x'.repeat(5000) } }));
    const client = createKonnektiveClient({
      baseUrl: fake.url,
      credentials: creds,
      transport: fetchTransport(5000, 4096),
      backoffMs: 1,
    });
    expect(await codeOf(client.customers({ customerId: '1' }))).toBe('API_BAD_RESPONSE'); // chunked
    expect(fake.requests).toHaveLength(1);
    await fake.close();
    const body = JSON.stringify({ result: 'SUCCESS', message: 'x'.repeat(5000) });
    fake = await startFakeCrm(() => ({ body, headers: { 'content-length': String(body.length) } }));
    const declared = createKonnektiveClient({
      baseUrl: fake.url,
      credentials: creds,
      transport: fetchTransport(5000, 4096),
    });
    expect(await codeOf(declared.customers({ customerId: '1' }))).toBe('API_BAD_RESPONSE');
  });

  it('does not follow or retry a redirect; says where it points (API_UNREACHABLE)', async () => {
    const client = await clientFor(() => ({
      status: 301,
      body: '',
      headers: { location: 'https://crm.example.com/api/customer/query/' },
    }));
    const error = await client.customers({ customerId: '1' }).catch((e: unknown) => e);
    expect(isToolkitError(error) && error.code).toBe('API_UNREACHABLE');
    expect(String((error as Error).message)).toContain(
      'redirect to https://crm.example.com/api/customer/query/',
    );
    expect(fake?.requests).toHaveLength(1);
  });

  it('maps a refused connection to API_UNREACHABLE after retries', async () => {
    const client = createKonnektiveClient({
      baseUrl: 'http://127.0.0.1:1',
      credentials: creds,
      maxRetries: 1,
      backoffMs: 1,
    });
    expect(await codeOf(client.customers({ customerId: '1' }))).toBe('API_UNREACHABLE');
  });

  it('never has more requests in flight than its concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    fake = await startFakeCrm(() => page([], 0));
    const slow = {
      post: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return {
          status: 200,
          body: JSON.stringify({ result: 'SUCCESS', message: { totalResults: 0, data: [] } }),
          headers: {},
        };
      },
    };
    const client = createKonnektiveClient({
      baseUrl: fake.url,
      credentials: creds,
      transport: slow,
      concurrency: 3,
    });
    await Promise.all(Array.from({ length: 20 }, (_, i) => client.orders({ orderId: String(i) })));
    expect(peak).toBe(3);
  });
});
