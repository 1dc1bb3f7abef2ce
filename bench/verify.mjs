/**
 * Bench: verify N sampled customers against the sandbox with a per-call latency and a rate limit.
 * Target (issue 7): 1,000 customers, 200 ms per call, rate-limited, in ≤ 60 s.
 *   npm run build && node bench/verify.mjs [--customers 1000] [--latency 200] [--rate-limit 150]
 *                                          [--concurrency 40] [--max-rps 140]
 * Loopback only: the sandbox listens on 127.0.0.1:0 in this process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiCredentials, createKonnektiveClient } from '../dist/api-client/index.js';
import { importLegacyFile, openSandboxDb, startSandbox } from '../dist/sandbox/index.js';
import { builtinSpec } from '../dist/schema/index.js';
import { runVerify } from '../dist/verify/index.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000' },
    latency: { type: 'string', default: '200' },
    'rate-limit': { type: 'string', default: '150' },
    concurrency: { type: 'string', default: '40' },
    'max-rps': { type: 'string', default: '140' },
  },
});
const customers = Number(values.customers);
const COLUMNS = builtinSpec().kinds.transactions.columns.map((c) => c.name);
const CARDS = ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117'];

function row(k, second) {
  const c = {
    customerId: `C${k}`,
    orderId: second ? `O${k}B` : `O${k}`,
    dateCreated: second ? '2026-02-04 10:11:12' : '2026-01-04 10:11:12',
    campaignId: '12',
    productId: String(101 + (k % 2)),
    isActiveRecurring: '1',
    nextBillDate: `2027-0${1 + (k % 9)}-15`,
    paySource: 'CREDITCARD',
    cardNumber: CARDS[k % CARDS.length],
    cardExpiryMonth: '09',
    cardExpiryYear: '2029',
    merchantId: String(7 + (k % 3)),
    merchantTxnId: `T${k}${second ? 'B' : 'A'}`,
    txnType: 'SALE',
    subTotal: '29.95',
    shippingPrice: '4.95',
    salesTax: '0.00',
    totalAmount: '34.90',
    responseType: 'SUCCESS',
    responseText: 'SUCCESS',
    firstName: 'Avery',
    lastName: `Testwood${k}`,
    address1: `${k} Example Ave`,
    city: 'Springfield',
    state: 'IL',
    postalCode: '62701',
    country: 'US',
    emailAddress: `avery${k}@example.com`,
    phoneNumber: `555201${String(1000 + (k % 9000)).slice(-4)}`,
    billShipSame: '1',
  };
  return COLUMNS.map((name) => c[name] ?? '').join(',');
}

const dir = mkdtempSync(join(tmpdir(), 'kmigrate-bench-verify-'));
const file = join(dir, 'sample.csv');
const lines = [COLUMNS.join(',')];
for (let k = 1; k <= customers; k++) lines.push(row(k, false), row(k, true));
writeFileSync(file, `${lines.join('\n')}\n`);

const db = openSandboxDb();
await importLegacyFile(db, file);
const sandbox = await startSandbox({
  db,
  loginId: 'bench',
  password: 'bench-pw',
  latencyMs: Number(values.latency),
  rateLimit: Number(values['rate-limit']),
});
const client = createKonnektiveClient({
  baseUrl: sandbox.url,
  credentials: new ApiCredentials('bench', 'bench-pw'),
  concurrency: Number(values.concurrency),
  maxRequestsPerSecond: Number(values['max-rps']),
});
const start = performance.now();
const result = await runVerify({
  sample: file,
  client,
  customerConcurrency: Number(values.concurrency) * 2,
  liveTest: 0,
  chargeRealCards: false,
});
const secs = (performance.now() - start) / 1000;
await sandbox.close();
db.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify(
    {
      customers: result.customers.length,
      passed: result.passed,
      failed: result.failed,
      latencyMs: Number(values.latency),
      serverRateLimitPerSecond: Number(values['rate-limit']),
      clientConcurrency: Number(values.concurrency),
      clientMaxRps: Number(values['max-rps']),
      requests: result.requests,
      requestsPerCustomer: Number((result.requests / result.customers.length).toFixed(2)),
      retries: result.retries,
      rateLimitedAnswers: result.rateLimited,
      serverRequests: sandbox.stats.requests,
      elapsedSeconds: Number(secs.toFixed(1)),
      target: secs <= 60 ? 'met (≤ 60 s)' : 'MISSED (> 60 s)',
    },
    null,
    2,
  ),
);
