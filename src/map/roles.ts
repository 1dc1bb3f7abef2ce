/**
 * Roles: what a source column can mean, and the target columns (with their normalizers) each
 * role fills in migration.yaml's `transactions.columns`.
 * @module
 */
import type { ColumnType } from '../profile/index.js';

/** One target column a role fills. */
export interface RoleTarget {
  readonly target: string;
  readonly normalize?: string;
  readonly lookup?: string;
  readonly field?: string;
  readonly order?: 'MMYY' | 'YYMM';
}

/** A role and the value shapes that support it. */
export interface Role {
  readonly id: string;
  readonly targets: readonly RoleTarget[];
  /** Column types that support the role; another known type contradicts it. Empty: any. */
  readonly types: readonly ColumnType[];
}

const TEXT: readonly ColumnType[] = ['text', 'mixed', 'state', 'country', 'id', 'integer', 'zip', 'boolean'];
const MONEY: readonly ColumnType[] = ['money', 'decimal', 'integer'];
const DATE: readonly ColumnType[] = ['date', 'integer'];

const r = (id: string, types: readonly ColumnType[], ...targets: RoleTarget[]): Role => ({
  id,
  targets,
  types,
});
const t = (target: string, extra: Omit<RoleTarget, 'target'> = {}): RoleTarget => ({ target, ...extra });
const same = (id: string, types: readonly ColumnType[] = TEXT): Role => r(id, types, t(id));

/** Every role, keyed by id. */
export const ROLES: Readonly<Record<string, Role>> = Object.fromEntries(
  [
    same('customerId', []),
    same('orderId', []),
    same('merchantTxnId', []),
    same('dateCreated', DATE),
    same('nextBillDate', DATE),
    same('cardNumber', ['card-number']),
    r('cardExpiryMonth', ['integer', 'zip', 'text'], t('cardExpiryMonth', { normalize: 'expiry-month' })),
    r('cardExpiryYear', ['integer', 'zip'], t('cardExpiryYear', { normalize: 'expiry-year' })),
    r(
      'cardExpiry',
      ['integer', 'zip', 'text', 'date', 'mixed'],
      t('cardExpiryMonth', { normalize: 'expiry-month' }),
      t('cardExpiryYear', { normalize: 'expiry-year' }),
    ),
    r(
      'cardExpiryMMYY',
      ['integer', 'zip', 'text', 'mixed'],
      t('cardExpiryMonth', { normalize: 'expiry-month', order: 'MMYY' }),
      t('cardExpiryYear', { normalize: 'expiry-year', order: 'MMYY' }),
    ),
    r('firstName', TEXT, t('firstName', { normalize: 'name' })),
    r('lastName', TEXT, t('lastName', { normalize: 'name' })),
    r(
      'fullName',
      TEXT,
      t('firstName', { normalize: 'first-name' }),
      t('lastName', { normalize: 'last-name' }),
    ),
    r('emailAddress', ['email', 'text', 'mixed'], t('emailAddress', { normalize: 'email' })),
    r('phoneNumber', ['phone', 'integer', 'text', 'mixed'], t('phoneNumber', { normalize: 'phone' })),
    same('address1'),
    same('address2'),
    same('city'),
    r('state', ['state', 'text', 'mixed'], t('state', { normalize: 'state' })),
    r('postalCode', ['zip', 'integer', 'text', 'mixed'], t('postalCode', { normalize: 'postal' })),
    r('country', ['country', 'text', 'mixed'], t('country', { normalize: 'country' })),
    same('shipFirstName'),
    same('shipLastName'),
    same('shipAddress1'),
    same('shipAddress2'),
    same('shipCity'),
    r('shipState', ['state', 'text', 'mixed'], t('shipState', { normalize: 'state' })),
    r('shipPostalCode', ['zip', 'integer', 'text', 'mixed'], t('shipPostalCode', { normalize: 'postal' })),
    r('shipCountry', ['country', 'text', 'mixed'], t('shipCountry', { normalize: 'country' })),
    r('subTotal', MONEY, t('subTotal', { normalize: 'money' })),
    r('salesTax', MONEY, t('salesTax', { normalize: 'money' })),
    r('shippingPrice', MONEY, t('shippingPrice', { normalize: 'money' })),
    r('response', [], t('responseType', { normalize: 'enum' }), t('responseText', { normalize: 'enum' })),
    r('txnType', [], t('txnType', { normalize: 'enum' })),
    r('paySource', [], t('paySource', { normalize: 'enum' })),
    r('activeRecurring', [], t('isActiveRecurring', { normalize: 'enum' })),
    r(
      'plan',
      [],
      t('campaignId', { lookup: 'plans', field: 'campaignId' }),
      t('productId', { lookup: 'plans', field: 'productId' }),
    ),
    r('gateway', [], t('merchantId', { lookup: 'gateways' })),
    r('achRoutingNumber', ['integer', 'text'], t('achRoutingNumber', { normalize: 'digits' })),
    r('achAccountNumber', ['integer', 'text'], t('achAccountNumber', { normalize: 'digits' })),
    r('achAccountType', ['text', 'mixed'], t('achAccountType', { normalize: 'enum' })),
    same('trackingNumber', []),
  ].map((role) => [role.id, role]),
);
