/**
 * The vendor's Legacy Data Import semantics as pure data: what a Transactions file becomes in the
 * CRM (customers, orders, transactions, purchases). One definition for sandbox, verify and forecast.
 * @module
 */
export { foldCustomer, foldCustomers } from './fold-customers.js';
export { headerIndex, type LegacyRow, legacyRow, legacyRowWith } from './legacy-row.js';
export { maskCard } from './mask-card.js';
export {
  CONTACT_FIELDS,
  type ModelContact,
  type ModelCustomer,
  type ModelOrder,
  type ModelPurchase,
  type ModelTransaction,
} from './model-types.js';
export { formatCents, rowAmountCents, toCents } from './money.js';
