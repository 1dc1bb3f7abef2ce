/**
 * The Konnektive/CheckoutChamp CRM API client. Every API name and the envelope live in
 * api-fields.ts; the transport is a port (fetch by default, a fake in tests).
 * @module
 */
export { ApiCredentials, loadApiCredentials } from './api-credentials.js';
export { fromApiDate, normalizeOutputDate, toApiDate } from './api-dates.js';
export * as apiFields from './api-fields.js';
export { checkApiUrl, isLoopbackHost } from './api-url-policy.js';
export type { Envelope } from './envelope.js';
export { decodeEnvelope } from './envelope.js';
export { type FieldsOf, type FieldTable, normalizeStatus, readFields, writeFields } from './field-table.js';
export { fetchTransport, type HttpResponse, type HttpTransport } from './http-transport.js';
export {
  type ApiCaller,
  type ApiCallerOptions,
  type ApiStats,
  createApiCaller,
  SANDBOX_HEADER,
} from './konnektive-client.js';
export {
  type CrmCustomer,
  type CrmOrder,
  type CrmOrderItem,
  type CrmPurchase,
  type CrmTransaction,
  createKonnektiveClient,
  type KonnektiveClient,
  type KonnektiveClientOptions,
  type QueryFilter,
} from './konnektive-queries.js';
export { createRequestLimiter, type RequestLimiter } from './request-limiter.js';
