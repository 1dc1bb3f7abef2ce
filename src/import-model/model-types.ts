/**
 * What the vendor's Legacy Data Import creates from a Transactions file, as plain data.
 * @module
 */

/** Contact fields of a customer as the CRM keeps them (ship block filled even when same as billing). */
export interface ModelContact {
  readonly firstName: string;
  readonly lastName: string;
  readonly emailAddress: string;
  readonly phoneNumber: string;
  readonly address1: string;
  readonly address2: string;
  readonly city: string;
  readonly state: string;
  readonly postalCode: string;
  readonly country: string;
  readonly shipFirstName: string;
  readonly shipLastName: string;
  readonly shipAddress1: string;
  readonly shipAddress2: string;
  readonly shipCity: string;
  readonly shipState: string;
  readonly shipPostalCode: string;
  readonly shipCountry: string;
}

/** The contact field names, in display order. */
export const CONTACT_FIELDS: readonly (keyof ModelContact)[] = [
  'firstName',
  'lastName',
  'emailAddress',
  'phoneNumber',
  'address1',
  'address2',
  'city',
  'state',
  'postalCode',
  'country',
  'shipFirstName',
  'shipLastName',
  'shipAddress1',
  'shipAddress2',
  'shipCity',
  'shipState',
  'shipPostalCode',
  'shipCountry',
];

/** One imported transaction (one file row). */
export interface ModelTransaction {
  readonly row: number;
  readonly orderId: string;
  readonly productId: string;
  readonly campaignId: string;
  readonly merchantTxnId: string;
  readonly txnType: string;
  readonly dateCreated: string;
  readonly amountCents: number;
  readonly responseType: string;
  readonly merchantId: string;
  readonly paySource: string;
  /** Last 4 digits of the card ('' for non-card or tokenized rows). Never the full number. */
  readonly cardLast4: string;
  /** BIN + last 4 masked form ('' when not a card number). Never the full number. */
  readonly cardMasked: string;
}

/** One imported order (rows sharing a legacy orderId). */
export interface ModelOrder {
  readonly orderId: string;
  readonly campaignId: string;
  readonly productIds: readonly string[];
  readonly dateCreated: string;
  readonly status: 'COMPLETE' | 'DECLINED' | 'REFUNDED';
  readonly totalCents: number;
}

/** One subscription ("purchase"): the rows of a customer for one productId, latest row deciding. */
export interface ModelPurchase {
  readonly productId: string;
  readonly campaignId: string;
  /** Legacy orderId of the latest row. */
  readonly orderId: string;
  readonly active: boolean;
  readonly nextBillDate: string;
  readonly merchantId: string;
  readonly priceCents: number;
  readonly shippingCents: number;
  readonly billingCycleNumber: number;
  readonly paySource: string;
  readonly cardLast4: string;
  readonly cardMasked: string;
  readonly cardExpiry: string;
}

/** One imported customer with everything the import creates for it. */
export interface ModelCustomer {
  readonly customerId: string;
  readonly contact: ModelContact;
  readonly orders: readonly ModelOrder[];
  readonly transactions: readonly ModelTransaction[];
  readonly purchases: readonly ModelPurchase[];
}
