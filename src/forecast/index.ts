/**
 * The rebill forecast: active subscriptions by next bill date and MID, and the cut-over risks.
 * Pure: feed rows with `add`, read `result()` (the JSON shape), render with `renderForecastSection`.
 * @module
 */
export { createForecast, FORECAST_COLUMNS, type Forecast, type Subscription } from './create-forecast.js';
export {
  createForecastTotals,
  type ForecastTotals,
  own,
  RISK_NAMES,
  type RiskName,
  type SubscriptionTotalsInput,
} from './forecast-totals.js';
export type {
  ForecastBucket,
  ForecastExample,
  ForecastOptions,
  ForecastResult,
  ForecastRisk,
} from './forecast-types.js';
export { forecastSummaryLine, renderForecastSection } from './render-forecast.js';
