/**
 * `verify`: read the sample, check every sampled customer through the API with bounded
 * concurrency, optionally run the live test, and write the reports and the ID map.
 * @module
 */
import type { KonnektiveClient } from '../api-client/index.js';
import { ToolkitError } from '../core/index.js';
import { openCsv } from '../csv/index.js';
import {
  foldCustomers,
  headerIndex,
  type LegacyRow,
  legacyRowWith,
  type ModelCustomer,
} from '../import-model/index.js';
import { idMapRows } from './build-id-map.js';
import { compareCustomer } from './compare-customer.js';
import { fetchSnapshot } from './fetch-snapshot.js';
import { describeCharge, planLiveTest, runLiveCharge } from './live-test.js';
import type { CrmSnapshot, CustomerVerdict, IdMapRow, LiveTestResult } from './verify-types.js';

/** Options of {@link runVerify}. */
export interface RunVerifyOptions {
  readonly sample: string;
  readonly client: KonnektiveClient;
  /** Customers checked at once (each makes ~5 requests; the client bounds requests). */
  readonly customerConcurrency: number;
  /** Customers to force-bill and refund (0 = none). */
  readonly liveTest: number;
  /** The operator confirmed that real cards may be charged. */
  readonly chargeRealCards: boolean;
  /** Told each planned charge before it happens. */
  readonly onLiveTestPlan?: (line: string) => void;
  readonly onProgress?: (done: number, total: number) => void;
}

/** What verify found. */
export interface VerifyResult {
  readonly sample: string;
  readonly customers: readonly CustomerVerdict[];
  readonly idMap: readonly IdMapRow[];
  readonly liveTest: readonly LiveTestResult[];
  readonly passed: number;
  readonly failed: number;
  readonly requests: number;
  readonly retries: number;
  readonly rateLimited: number;
  readonly elapsedMs: number;
}

async function readSample(path: string): Promise<ModelCustomer[]> {
  const reader = await openCsv(path, { file: path });
  // in any case, as `sample` and `sandbox import` find it (a vendor template spells it `CustomerID`)
  const index = headerIndex(reader.header);
  if (!index.has('customerId')) {
    await reader.close();
    throw new ToolkitError(
      'SAMPLE_MISSING_COLUMN',
      `${path} has no customerId column: not a Transactions file.`,
    );
  }
  const rows: LegacyRow[] = [];
  for await (const batch of reader.batches())
    for (const rec of batch) rows.push(legacyRowWith(index, rec.fields, rec.row));
  // nothing to compare is no proof: "0/0 pass" would read as success
  if (rows.length === 0)
    throw new ToolkitError('SAMPLE_EMPTY', `${path} has no rows: there is no customer to verify.`);
  return foldCustomers(rows);
}

/** Run `work` over `items`, `width` at once; after a failure no further item is started. */
async function pool<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length && !failed; i = next++)
      try {
        out[i] = await work(items[i] as T, i);
      } catch (error) {
        failed = true;
        throw error;
      }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, worker));
  return out;
}

/** Run verify (no files written; see `writeVerifyReports`). */
export async function runVerify(o: RunVerifyOptions): Promise<VerifyResult> {
  const start = performance.now();
  const expected = await readSample(o.sample);
  let done = 0;
  const snapshots = await pool(expected, o.customerConcurrency, async (c) => {
    const snap = await fetchSnapshot(o.client, c);
    o.onProgress?.(++done, expected.length);
    return snap;
  }).catch((error: unknown) => {
    // verify has failed: the other customers' requests (retrying a hung server) must not keep it running
    o.client.stop();
    throw error;
  });
  const verdicts = expected.map((c, i) => verdictOf(c, snapshots[i] ?? null));
  const liveTest = o.liveTest > 0 ? await live(o, expected, snapshots, verdicts) : [];
  const final = verdicts.map((v) => {
    const extra = liveTest
      .filter((l) => l.customerId === v.customerId)
      .flatMap((l) => [
        ...(l.rebill === 'APPROVED'
          ? []
          : [{ customerId: v.customerId, field: 'liveTest.rebill', expected: 'APPROVED', actual: l.rebill }]),
        ...(l.rebill !== 'APPROVED' || l.refund === 'REFUNDED'
          ? []
          : [{ customerId: v.customerId, field: 'liveTest.refund', expected: 'REFUNDED', actual: l.refund }]),
        ...(l.nextBillDate.startsWith('RESTORED') || l.nextBillDate === 'UNCHANGED'
          ? []
          : [
              {
                customerId: v.customerId,
                field: 'liveTest.nextBillDate',
                expected: 'restored',
                actual: l.nextBillDate,
              },
            ]),
      ]);
    const differences = [...v.differences, ...extra];
    return { ...v, differences, status: differences.length === 0 ? ('pass' as const) : ('fail' as const) };
  });
  const passed = final.filter((v) => v.status === 'pass').length;
  return {
    sample: o.sample,
    customers: final,
    idMap: expected.flatMap((c, i) => idMapRows(c, snapshots[i] ?? null)),
    liveTest,
    passed,
    failed: final.length - passed,
    requests: o.client.stats.requests,
    retries: o.client.stats.retries,
    rateLimited: o.client.stats.rateLimited,
    elapsedMs: Math.round(performance.now() - start),
  };
}

function verdictOf(c: ModelCustomer, snap: CrmSnapshot | null): CustomerVerdict {
  const differences = compareCustomer(c, snap);
  return {
    customerId: c.customerId,
    crmCustomerId: snap?.customer?.customerId ?? '',
    status: differences.length === 0 ? 'pass' : 'fail',
    differences,
  };
}

async function live(
  o: RunVerifyOptions,
  expected: readonly ModelCustomer[],
  snapshots: readonly (CrmSnapshot | null)[],
  verdicts: readonly CustomerVerdict[],
): Promise<LiveTestResult[]> {
  if (!o.chargeRealCards && !(o.client.stats.sandbox && o.client.stats.requests > 0))
    throw new ToolkitError(
      'LIVE_TEST_REFUSED',
      'This API is not the kmigrate sandbox: --live-test would charge real cards. Add --i-understand-this-charges-real-cards to go ahead.',
    );
  const candidates = expected.flatMap((c, i) => {
    const snap = snapshots[i];
    const v = verdicts[i];
    return snap && v && v.status === 'pass'
      ? [{ customerId: c.customerId, crmCustomerId: v.crmCustomerId, purchases: snap.purchases }]
      : [];
  });
  const plan = planLiveTest(candidates, o.liveTest);
  for (const c of plan) o.onLiveTestPlan?.(describeCharge(c));
  const results: LiveTestResult[] = [];
  for (const c of plan) results.push(await runLiveCharge(o.client, c));
  return results;
}
