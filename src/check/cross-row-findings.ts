/**
 * How a cross-row finding (a rule kind, and the row where its key was first seen) reads as an issue.
 * @module
 */
import type { CheckIssueCode } from './codes.js';
import { RuleKind } from './cross-row-index.js';

/** The code, column and message of a finding of `kind` whose key was first seen at `firstRow`. */
export function describeFinding(kind: number, firstRow: number): [CheckIssueCode, string | null, string] {
  switch (kind) {
    case RuleKind.sameName:
      return ['CUSTOMER_INCONSISTENT', 'firstName', `This customer's name differs from row ${firstRow}.`];
    case RuleKind.sameAddress:
      return [
        'CUSTOMER_INCONSISTENT',
        'address1',
        `This customer's billing address (address1, address2, city, state, postalCode or country) differs from row ${firstRow}.`,
      ];
    case RuleKind.sameEmail:
      return ['CUSTOMER_INCONSISTENT', 'emailAddress', `This customer's email differs from row ${firstRow}.`];
    case RuleKind.samePhone:
      return ['CUSTOMER_INCONSISTENT', 'phoneNumber', `This customer's phone differs from row ${firstRow}.`];
    case RuleKind.txnId:
      return [
        'DUPLICATE_MERCHANT_TXN_ID',
        'merchantTxnId',
        `merchantTxnId already used at row ${firstRow} for the same merchantId and txnType.`,
      ];
    case RuleKind.emailOwner:
      return [
        'LIKELY_DUPLICATE_CUSTOMER',
        'emailAddress',
        `Another customerId (row ${firstRow}) has the same email.`,
      ];
    case RuleKind.phoneOwner:
      return [
        'LIKELY_DUPLICATE_CUSTOMER',
        'phoneNumber',
        `Another customerId (row ${firstRow}) has the same phone number.`,
      ];
    case RuleKind.detailsCustomer:
      return [
        'DUPLICATE_DETAILS_ROW',
        'customerId',
        `This customer already has an Additional Customer Details row (row ${firstRow}); the file holds one row per customer.`,
      ];
    case RuleKind.cardOwner:
      return [
        'LIKELY_DUPLICATE_CUSTOMER',
        'cardNumber',
        `Another customerId (row ${firstRow}) uses the same card.`,
      ];
    default:
      return [
        'REFUND_WITHOUT_SALE',
        'txnType',
        `REFUND for an order with no SALE or CAPTURE row (order first seen at row ${firstRow}).`,
      ];
  }
}
