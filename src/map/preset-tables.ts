/**
 * Preset overrides per known layout (see `SOURCE_FORMATS` in src/profile): where a layout's column
 * means something the generic alias table would get wrong, or is known but feeds no target.
 * `null` = known, deliberately not mapped (the note says why). Keys are compared as header keys.
 * Stand-in until src/presets lands: see docs/decisions/0010-profile-and-map.md.
 * @module
 */

/** A preset entry: a role id, or null with the reason the column is left out. */
export type PresetEntry = string | { readonly ignore: string };

/** A column the layout knows as masked card data. */
export const MASKED = { ignore: 'masked card data: usable only to cross-check BIN/last4 with the PAN file' };
const JOIN = { ignore: 'join key to another file, not a Konnektive column' };

/** Layout id → header → entry. */
export const PRESET_TABLES: Readonly<Record<string, Readonly<Record<string, PresetEntry>>>> = {
  'stripe-customers': {
    id: 'customerId',
    Name: 'fullName',
    Plan: 'plan',
    Status: { ignore: 'customer status, not a payment result' },
  },
  'stripe-subscriptions': {
    id: 'orderId',
    'Customer Name': 'fullName',
    Status: 'activeRecurring',
    Amount: 'subTotal',
    Plan: 'plan',
    Product: { ignore: 'the plan column (Plan) names the campaign product' },
  },
  'stripe-payments': {
    id: 'merchantTxnId',
    Status: 'response',
    'Card Name': 'fullName',
    'Invoice ID': 'orderId',
    'Card ID': JOIN,
    'Card Last4': MASKED,
    'Card Fingerprint': { ignore: 'card fingerprint: used to find duplicate cards, not imported' },
  },
  'stripe-invoices': {
    id: JOIN,
    Number: { ignore: 'invoice number: the payment (Invoice ID) carries the order' },
    Customer: 'customerId',
    'Customer Name': 'fullName',
    Subscription: JOIN,
    Charge: JOIN,
    Status: { ignore: 'invoice status, not a payment result (the payment has its own)' },
    'Amount Due': { ignore: 'billed, not charged: the payment carries the amount' },
    'Amount Paid': { ignore: 'the payment carries the amount' },
    'Amount Remaining': { ignore: 'an open balance: no Konnektive column' },
  },
  'stripe-pan': {
    id: 'customerId',
    'card.name': 'fullName',
    name: { ignore: 'customer name; card.name is the billing name' },
    'card.id': JOIN,
    default_source: JOIN,
    'card.transaction_ids': { ignore: 'network transaction ids: no Konnektive column' },
  },
  'nmi-vault': {
    customer_vault_id: 'customerId',
    created: 'dateCreated',
    processor_id: 'gateway',
    cc_bin: MASKED,
    cc_hash: MASKED,
  },
  'nmi-subscriptions': {
    subscription_id: 'orderId',
    customer_vault_id: 'customerId',
    status: 'activeRecurring',
    plan_id: 'plan',
    plan_name: { ignore: 'plan_id names the plan' },
    plan_amount: 'subTotal',
    start_date: 'dateCreated',
    next_charge_date: 'nextBillDate',
  },
  'nmi-transactions': {
    transaction_id: 'merchantTxnId',
    condition: 'response',
    action_type: 'txnType',
    transaction_type: 'paySource',
    amount: 'subTotal',
    date: 'dateCreated',
    processor_id: 'gateway',
    response_code: { ignore: 'condition gives the result' },
    cc_bin: MASKED,
    cc_hash: MASKED,
  },
  'authorize-net-expanded': {
    'Card Number': MASKED,
    'Expiration Date': { ignore: 'fully masked (XXXX) in this export' },
    'Bank Account Number': MASKED,
    'Routing Number': MASKED,
    'Transaction Status': 'response',
    'Total Amount': 'subTotal',
    'Settlement Amount': { ignore: 'Total Amount is the charged amount' },
    'Transaction Type': 'txnType',
    Product: { ignore: 'Authorize.net product (card-present or not), not a plan' },
  },
  'authorize-net-tab': {
    'Card Number': MASKED,
    'Expiration Date': { ignore: 'fully masked (XXXX) in this export' },
    'Response Code': 'response',
    'Action Code': 'txnType',
    Method: { ignore: 'card brand' },
    'Total Amount': 'subTotal',
  },
  'authorize-net-limited': {
    'Card Number': MASKED,
    'Expiration Date': { ignore: 'fully masked (XXXX) in this export' },
    'Customer Name': 'fullName',
    'Transaction Status': 'response',
    'Transaction Type': 'txnType',
    Method: { ignore: 'card brand' },
  },
  'braintree-vault': {
    id: 'customerId',
    'credit_card.token': JOIN,
    'credit_card.cardholder_name': { ignore: 'first_name/last_name give the name' },
  },
  'braintree-transactions': {
    'Credit Card Number': MASKED,
    'Expiration Date': { ignore: 'Expiration Month and Expiration Year are used' },
    'Cardholder Name': { ignore: 'Customer First/Last Name give the name' },
    'Subscription ID': JOIN,
    'Payment Method Token': JOIN,
    'Amount Submitted For Settlement': 'subTotal',
    'Settlement Amount': { ignore: 'Amount Submitted For Settlement is the charged amount' },
    'Processor Response Text': { ignore: 'Transaction Status gives the result' },
    'Transaction Status': 'response',
  },
  'recurly-accounts': { account_code: 'customerId', billing_info_id: JOIN },
  'recurly-subscriptions': {
    uuid: 'orderId',
    state: 'activeRecurring',
    plan_code: 'plan',
    plan_name: { ignore: 'plan_code names the plan' },
    unit_amount: 'subTotal',
  },
  'woocommerce-subscriptions': {
    subscription_id: 'orderId',
    subscription_status: 'activeRecurring',
    order_total: 'subTotal',
    payment_method: 'gateway',
    order_items: { ignore: 'packed items (product_id:…|quantity:…): needs the WooCommerce adapter' },
    payment_method_post_meta: { ignore: 'packed tokens: needs the WooCommerce adapter' },
  },
  'sticky-orders': {
    order_status: 'response',
    is_recurring: 'activeRecurring',
    main_product_id: 'plan',
    campaign_id: { ignore: 'a Sticky campaign id, not a Konnektive one: main_product_id is looked up' },
    gateway_id: 'gateway',
    cc_expires: 'cardExpiryMMYY',
    cc_number: MASKED,
    cc_first_6: MASKED,
    cc_last_4: MASKED,
  },
};
