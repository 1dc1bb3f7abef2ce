/**
 * The CRM sandbox: a local stand-in for Konnektive that imports legacy files with the vendor's
 * semantics (SQLite) and serves the API subset kmigrate uses, on 127.0.0.1 only.
 * @module
 */
export {
  DEFAULT_BILLING_INTERVAL_DAYS,
  importCustomers,
  importLegacyFile,
  type SandboxImportResult,
} from './import-legacy-file.js';
export { openSandboxDb, type SandboxDb } from './sandbox-db.js';
export { DECLINING_TEST_CARDS, type GatewayResult, gatewayDecide } from './simulated-gateway.js';
export { RATE_LIMIT_ANSWER, type Sandbox, type SandboxOptions, startSandbox } from './start-sandbox.js';
