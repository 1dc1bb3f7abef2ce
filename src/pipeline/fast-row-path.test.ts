import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../config/index.js';
import { runBuild } from './build.js';
import { RowLine } from './row-line.js';

// Differential test of the clean-row fast path (RowLine + RowChecker.checkRange + CsvFileWriter.writeLine
// lines): every build must give the same bytes and the same result as the ordinary path
// (RowChecker.check + formatCsvRow), which a RowLine that never builds a line forces.

const root = mkdtempSync(join(tmpdir(), 'kmigrate-fast-row-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const MAPPING = `version: 1
target: { importDate: "2026-12-01", timeZone: America/New_York }
sources:
  - { name: orders, file: orders.csv, timeZone: America/Chicago }
transactions:
  source: orders
  columns:
    customerId: { from: Customer ID }
    orderId: { from: Order ID }
    dateCreated: { from: Created }
    campaignId: { from: Plan, lookup: plans, field: campaignId }
    productId: { from: Plan, lookup: plans, field: productId }
    isActiveRecurring: { from: Subscription, normalize: enum, map: { active: "1", cancelled: "0" } }
    nextBillDate: { from: Next Bill }
    paySource: { value: CREDITCARD }
    cardNumber: { from: Card Number }
    cardExpiryMonth: { from: Card Expiry, normalize: expiry-month }
    cardExpiryYear: { from: Card Expiry, normalize: expiry-year }
    merchantId: { value: "7" }
    merchantTxnId: { from: Transaction ID }
    txnType: { value: SALE }
    subTotal: { from: Amount }
    responseType: { value: SUCCESS }
    responseText: { value: SUCCESS }
    firstName: { from: Name, normalize: first-name }
    lastName: { from: Name, normalize: last-name }
    address1: { from: Address }
    city: { value: Springfield }
    state: { from: State }
    postalCode: { from: Zip }
    country: { value: US }
    emailAddress: { from: Email }
    phoneNumber: { from: Phone }
    billShipSame: { value: "1" }
lookups:
  plans:
    Gold Monthly: { campaignId: 12, productId: 101 }
    Silver Monthly: { campaignId: 12, productId: 102 }
`;
const HEADER =
  'Customer ID,Order ID,Transaction ID,Created,Plan,Amount,Card Number,Card Expiry,Name,Address,State,Zip,Email,Phone,Subscription,Next Bill';

/** Published test card numbers only. */
const CARDS = ['4111111111111111', '4242424242424242', '5555555555554444'];
const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const pick = (i: number, every: number, values: readonly string[], clean: string): string =>
  i % every === 0 ? (values[Math.floor(i / every) % values.length] as string) : clean;

/**
 * Three rows per customer; some cells damaged (cell problems, warnings, values that need quoting,
 * customers whose address, email or phone changes between their rows) so that consecutive rows of
 * one customer take different paths.
 */
function noisySource(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(i / 3);
    const cells = [
      `CUST-${c}`,
      String(5000 + c),
      `ch_${i}`,
      `${1 + (i % 12)}/${1 + (i % 28)}/2026 ${1 + (i % 12)}:${String(i % 60).padStart(2, '0')} PM`,
      pick(i, 41, ['Platinum Annual', ' Gold Monthly '], i % 2 ? 'Gold Monthly' : 'Silver Monthly'),
      pick(i, 37, ['$1,234.50', '-5', 'abc', '29.9'], '$29.95'),
      CARDS[c % CARDS.length] as string,
      pick(i, 43, ['13/29', '09/20', '**/**'], '09/29'),
      pick(i, 31, ['Avery "Ave" Testwood, Jr', 'Cher', ''], 'Avery Testwood'),
      pick(
        i,
        7,
        [`${c} Example Ave, Apt 2`, `${c + 1} Example Ave`, `${c} Example Ave `],
        `${c} Example Ave`,
      ),
      pick(i, 29, ['Ontario', 'Zz'], 'IL'),
      pick(i, 23, ['2139', '1.2E+4'], '62701'),
      pick(i, 11, ['bad email', `other${c}@example.com`], `Avery${c}@Example.COM`),
      pick(
        i,
        13,
        ['555-1234 ext 12', '12', '(555) 201-9999'],
        `(555) 201-${String(c % 10000).padStart(4, '0')}`,
      ),
      pick(i, 17, ['cancelled', 'Paused'], 'Active'),
      pick(i, 19, ['01/15/2020', ''], '01/15/2027'),
    ];
    lines.push(cells.map(q).join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function build(config: string, out: string) {
  const result = await runBuild(await readConfig(config), {
    outDir: out,
    today: '2026-12-01',
    cleartextCards: true, // test card numbers in clear, on purpose
  });
  const files = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
  return { result, files };
}

/** Build with the fast path and with the ordinary path only; both must agree exactly. */
async function differential(name: string, config: string) {
  const built = vi.spyOn(RowLine.prototype, 'build');
  const fast = await build(config, join(root, name, 'fast'));
  const lines = built.mock.results.filter((r) => r.type === 'return' && r.value !== null).length;
  vi.restoreAllMocks();
  vi.spyOn(RowLine.prototype, 'build').mockReturnValue(null);
  const plain = await build(config, join(root, name, 'plain'));
  expect(fast.files).toEqual(plain.files);
  expect(fast.result).toEqual(plain.result);
  return { fast, lines };
}

describe('build: the clean-row fast path changes no output', () => {
  it('gives the same files and result as the ordinary path on damaged data', async () => {
    const dir = join(root, 'noisy');
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(join(root, 'noisy.yaml'), MAPPING.replace('orders.csv', 'noisy.csv'));
    writeFileSync(join(root, 'noisy.csv'), noisySource(6000));
    const { fast, lines } = await differential('noisy', join(root, 'noisy.yaml'));
    const tx = fast.result.outputs.transactions;
    // Both paths were exercised: most rows took the fast one, some the ordinary one.
    expect(lines).toBeGreaterThan(1000);
    expect(tx?.rows).toBeGreaterThan(lines);
    expect(fast.result.outputs.rejects?.rows).toBeGreaterThan(0);
    expect(fast.result.countsByCode.CUSTOMER_INCONSISTENT).toBeGreaterThan(0);
    // A row with a value that needs quoting was written (by the ordinary path).
    expect(fast.files['transactions.csv']).toMatch(/,"\d+ Example Ave, Apt 2",/);
  });

  it('gives the same files and result as the ordinary path on the demo', async () => {
    const demo = resolve('examples/demo');
    const dir = join(root, 'demo');
    rmSync(dir, { recursive: true, force: true });
    const config = join(root, 'demo.yaml');
    writeFileSync(config, readFileSync(join(demo, 'migration.yaml'), 'utf8'));
    copyFileSync(join(demo, 'exports', 'orders.csv'), join(root, 'orders.csv'));
    writeFileSync(config, readFileSync(config, 'utf8').replace('exports/orders.csv', 'orders.csv'));
    const { fast } = await differential('demo', config);
    expect(fast.result.outputs.transactions?.rows).toBe(50);
  });

  it('gives the same files and result as the ordinary path on the joined Stripe example', async () => {
    const dir = join(root, 'stripe');
    rmSync(dir, { recursive: true, force: true });
    // A copy: the joins stage their sources beside the config.
    cpSync(resolve('examples/stripe'), join(dir, 'example'), { recursive: true });
    const { fast } = await differential('stripe', join(dir, 'example', 'migration.yaml'));
    expect(fast.result.outputs.transactions?.rows).toBeGreaterThan(0);
  });
});
