/**
 * `sample`: a deterministic, stratified sample of whole customers, and the remainder.
 * @module
 */
export {
  planSample,
  type SamplePlan,
  type SamplePlanOptions,
  StrataCollector,
  type StratumSummary,
  selectCustomers,
} from './plan-sample.js';
export { type RunSampleOptions, runSample, type SampleReport } from './run-sample.js';
export { RISK_STRATA, rowStrata, type StrataOptions } from './sample-strata.js';
