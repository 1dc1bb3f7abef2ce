/**
 * EVERYTHING the client assumes about the Konnektive/CheckoutChamp CRM API, in one place:
 * paths, parameter names, the envelope, message patterns and response field names (see
 * reference/konnektive-api.md; most are [client]-grade facts). Correct a name here and both the
 * client and the sandbox follow. Each response field lists the names accepted, the first being the
 * one the sandbox writes.
 * @module
 */

/** Endpoint paths (with the trailing slash the API wants). */
export const ENDPOINTS = {
  customerQuery: '/customer/query/',
  orderQuery: '/order/query/',
  transactionsQuery: '/transactions/query/',
  purchaseQuery: '/purchase/query/',
  purchaseUpdate: '/purchase/update/',
  purchaseCancel: '/purchase/cancel/',
  purchaseRefund: '/purchase/refund/',
  transactionsRefund: '/transactions/refund/',
  orderRefund: '/order/refund/',
} as const;

/** An endpoint by name. */
export type Endpoint = keyof typeof ENDPOINTS;

/**
 * Endpoints that charge, refund or cancel: never sent again after a request that may have reached
 * the CRM (a timeout, a dropped connection, a 5xx from a proxy), which could charge or refund twice.
 * A rate-limit answer (the CRM refused the call) is still retried.
 */
export const UNSAFE_TO_REPEAT: ReadonlySet<Endpoint> = new Set<Endpoint>([
  'purchaseUpdate',
  'purchaseCancel',
  'purchaseRefund',
  'transactionsRefund',
  'orderRefund',
]);

/** Auth parameters, sent in every form body (never in the URL). */
export const AUTH_PARAMS = { loginId: 'loginId', password: 'password' } as const;

/** The envelope: HTTP 200 with {result, message}; the status code is not relied on. */
export const ENVELOPE = { result: 'result', message: 'message', success: 'SUCCESS', error: 'ERROR' } as const;

/** Query paging: request params, the page payload keys, and the server's page size cap. */
export const PAGING = {
  page: 'page',
  resultsPerPage: 'resultsPerPage',
  maxResultsPerPage: 200,
  total: ['totalResults', 'totalCount'],
  data: 'data',
} as const;

/** Date filter params; the API takes MM/DD/YYYY and wants a range unless an ID filter is given. */
export const DATE_FILTER = {
  start: 'startDate',
  end: 'endDate',
  rangeType: 'dateRangeType',
  /** The filters that make a date range optional. */
  idFilters: ['customerId', 'orderId', 'purchaseId', 'transactionId'],
  /** Start of the "everything" range used when a query has no ID filter. */
  wideStart: '2000-01-01',
} as const;

/** Query filter params (request side). */
export const QUERY_FILTERS = {
  customerId: 'customerId',
  orderId: 'orderId',
  purchaseId: 'purchaseId',
  transactionId: 'transactionId',
  merchantTxnId: 'merchantTxnId',
  emailAddress: 'emailAddress',
  phoneNumber: 'phoneNumber',
  exactEmailMatch: 'exactEmailMatch',
  showExternal: 'showExternal',
  txnType: 'txnType',
  status: 'status',
} as const;

/** A query filter by name. */
export type QueryFilterName = keyof typeof QUERY_FILTERS;

/** Action params (purchase/update, refunds, cancel). */
export const ACTION_PARAMS = {
  purchaseId: 'purchaseId',
  transactionId: 'transactionId',
  orderId: 'orderId',
  billNow: 'billNow',
  nextBillDate: 'nextBillDate',
  fullRefund: 'fullRefund',
  refundAmount: 'refundAmount',
  cancelReason: 'cancelReason',
} as const;

/** ERROR messages meaning "zero rows", e.g. "No orders matching those parameters could be found". */
export const NO_RESULTS_MESSAGE = /^No\b.*\b(matching|found)\b/i;
/** ERROR messages meaning the login was refused (fatal, never retried). */
export const AUTH_ERROR_MESSAGE =
  /invalid (login|credentials|password|api user)|(login|password).*(incorrect|invalid)|unauthori[sz]ed|not authori[sz]ed|access denied|ip address .*not allowed/i;
/** ERROR messages meaning "slow down" (retried with back-off). */
export const RATE_LIMIT_MESSAGE = /rate limit|too many requests|try again later|throttl/i;

/** Purchase statuses that mean "will rebill". Older APIs wrote title case ("Recycle Billing"). */
export const REBILLING_STATUSES: readonly string[] = ['ACTIVE', 'TRIAL', 'RECYCLE_BILLING'];

/** Response fields of customer/query rows. */
export const CUSTOMER_FIELDS = {
  customerId: ['customerId'],
  firstName: ['firstName'],
  lastName: ['lastName'],
  emailAddress: ['emailAddress'],
  phoneNumber: ['phoneNumber'],
  address1: ['address1'],
  address2: ['address2'],
  city: ['city'],
  state: ['state'],
  postalCode: ['postalCode'],
  country: ['country'],
  shipFirstName: ['shipFirstName'],
  shipLastName: ['shipLastName'],
  shipAddress1: ['shipAddress1'],
  shipAddress2: ['shipAddress2'],
  shipCity: ['shipCity'],
  shipState: ['shipState'],
  shipPostalCode: ['shipPostalCode'],
  shipCountry: ['shipCountry'],
  dateCreated: ['dateCreated'],
} as const;

/** Response fields of order/query rows (items handled by ORDER_ITEM_FIELDS). */
export const ORDER_FIELDS = {
  orderId: ['orderId'],
  customerId: ['customerId'],
  campaignId: ['campaignId'],
  orderStatus: ['orderStatus'],
  totalAmount: ['totalAmount'],
  emailAddress: ['emailAddress'],
  dateCreated: ['dateCreated'],
} as const;

/** The key of the order's items (an object keyed by item ID, or an array). */
export const ORDER_ITEMS_KEY = 'items';

/** Fields of one order item. */
export const ORDER_ITEM_FIELDS = {
  orderItemId: ['orderItemId'],
  productId: ['productId'],
  price: ['price'],
  qty: ['qty'],
  purchaseId: ['purchaseId'],
  billingCycleNumber: ['billingCycleNumber'],
} as const;

/** Response fields of transactions/query rows. */
export const TRANSACTION_FIELDS = {
  transactionId: ['transactionId'],
  orderId: ['orderId'],
  customerId: ['customerId'],
  purchaseId: ['purchaseId'],
  txnType: ['txnType'],
  totalAmount: ['totalAmount'],
  responseType: ['responseType'],
  responseText: ['responseText'],
  merchantId: ['merchantId'],
  merchantTxnId: ['merchantTxnId'],
  paySource: ['paySource'],
  cardLast4: ['cardLast4'],
  dateCreated: ['dateCreated'],
} as const;

/** Response fields of purchase/query rows. */
export const PURCHASE_FIELDS = {
  purchaseId: ['purchaseId'],
  orderId: ['orderId'],
  customerId: ['customerId'],
  status: ['status'],
  productId: ['productId'],
  price: ['price'],
  shippingPrice: ['shippingPrice'],
  billingCycleNumber: ['billingCycleNumber'],
  billingIntervalDays: ['billingIntervalDays'],
  nextBillDate: ['nextBillDate'],
  merchantId: ['merchantId', 'billerId'],
  dateCreated: ['dateCreated'],
} as const;

/** Imported DECLINE rows read back as one of these responseTypes (which one is unconfirmed). */
export const DECLINE_RESPONSE_TYPES: readonly string[] = [
  'HARD_DECLINE',
  'SOFT_DECLINE',
  'DECLINE',
  'DECLINED',
];
