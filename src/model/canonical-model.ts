/**
 * The canonical model: what every source adapter (preset + joins + derivations) produces and the
 * Konnektive writer consumes. Source files are mapped onto these entities; the Transactions file
 * is their denormalized form, one row per transaction, each carrying its customer, payment method
 * and subscription state. `KONNEKTIVE_COLUMNS` says which target column each field fills.
 * @module
 */

/** A person who paid. `id` is the legacy customer id, after duplicate customers are merged. */
export interface Customer {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string;
  readonly address1: string;
  readonly address2: string;
  readonly city: string;
  readonly state: string;
  readonly postalCode: string;
  readonly country: string;
  /** Ids of the source records merged into this customer, with what matched. */
  readonly mergedFrom: readonly { readonly id: string; readonly by: 'email' | 'phone' | 'card' }[];
}

/** A stored card or bank account. The number is only ever held in memory or sealed. */
export interface PaymentMethod {
  readonly id: string;
  readonly customerId: string;
  readonly kind: 'CREDITCARD' | 'CHECK' | 'PREPAID';
  readonly cardNumber: string;
  readonly expiryMonth: string;
  readonly expiryYear: string;
  readonly isDefault: boolean;
  /** The gateway's token for the method (Konnektive `externalToken`). */
  readonly token: string;
}

/** A subscription and the state Konnektive needs to keep billing it. */
export interface Subscription {
  readonly id: string;
  readonly customerId: string;
  readonly plan: string;
  readonly status: string;
  readonly isActiveRecurring: boolean;
  /** YYYY-MM-DD, required when active: the period end, or the trial end while trialing. */
  readonly nextBillDate: string;
}

/** One charge, refund, authorization or capture. */
export interface Transaction {
  readonly id: string;
  readonly customerId: string;
  /** Transactions of one order share it; a refund carries its sale's order. */
  readonly orderId: string;
  readonly dateCreated: string;
  readonly type: 'SALE' | 'AUTHORIZE' | 'CAPTURE' | 'REFUND';
  readonly response: 'SUCCESS' | 'DECLINE';
  readonly amount: string;
  readonly paymentMethodId: string;
  readonly subscriptionId: string;
}

/** A free-text note on a customer. */
export interface Note {
  readonly customerId: string;
  readonly dateCreated: string;
  readonly text: string;
}

/** Which Konnektive Transactions column each canonical field fills. */
export const KONNEKTIVE_COLUMNS = {
  'customer.id': 'customerId',
  'customer.firstName': 'firstName',
  'customer.lastName': 'lastName',
  'customer.email': 'emailAddress',
  'customer.phone': 'phoneNumber',
  'customer.address1': 'address1',
  'customer.address2': 'address2',
  'customer.city': 'city',
  'customer.state': 'state',
  'customer.postalCode': 'postalCode',
  'customer.country': 'country',
  'paymentMethod.kind': 'paySource',
  'paymentMethod.cardNumber': 'cardNumber',
  'paymentMethod.expiryMonth': 'cardExpiryMonth',
  'paymentMethod.expiryYear': 'cardExpiryYear',
  'paymentMethod.token': 'externalToken',
  'subscription.isActiveRecurring': 'isActiveRecurring',
  'subscription.nextBillDate': 'nextBillDate',
  'transaction.id': 'merchantTxnId',
  'transaction.orderId': 'orderId',
  'transaction.dateCreated': 'dateCreated',
  'transaction.type': 'txnType',
  'transaction.response': 'responseType',
  'transaction.amount': 'subTotal',
  'note.text': 'note',
} as const;

/** A canonical field name (`entity.field`). */
export type CanonicalField = keyof typeof KONNEKTIVE_COLUMNS;

/** Where the build computes a canonical field instead of reading it (`derived.*` columns). */
export const DERIVED_FIELDS: Readonly<Partial<Record<CanonicalField, string>>> = {
  'customer.id': 'derived.customerId',
  'transaction.orderId': 'derived.orderId',
  'subscription.isActiveRecurring': 'derived.isActiveRecurring',
  'subscription.nextBillDate': 'derived.nextBillDate',
};
