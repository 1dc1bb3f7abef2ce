/**
 * `verify`: compare every sampled customer with what the CRM API returns, write per-customer
 * reports and the legacy → CRM ID map; optionally force-bill and refund a few (guarded).
 * @module
 */
export { idMapRows } from './build-id-map.js';
export { compareCustomer } from './compare-customer.js';
export { fetchSnapshot } from './fetch-snapshot.js';
export { describeCharge, type LiveTestCharge, planLiveTest, runLiveCharge } from './live-test.js';
export { type RunVerifyOptions, runVerify, type VerifyResult } from './run-verify.js';
export type { CrmSnapshot, CustomerVerdict, Difference, IdMapRow, LiveTestResult } from './verify-types.js';
export {
  refuseOverwritingSample,
  type VerifyOutputs,
  verifyOutputPaths,
  writeVerifyReports,
} from './write-verify-reports.js';
