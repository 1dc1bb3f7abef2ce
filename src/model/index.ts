/**
 * The canonical model of a migration: customers, payment methods, subscriptions, transactions,
 * notes, and the Konnektive column each field fills.
 * @module
 */

export {
  type CanonicalField,
  type Customer,
  DERIVED_FIELDS,
  KONNEKTIVE_COLUMNS,
  type Note,
  type PaymentMethod,
  type Subscription,
  type Transaction,
} from './canonical-model.js';
