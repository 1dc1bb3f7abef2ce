/**
 * The real header rows of the source exports kmigrate knows (reference/source-formats.md), used to
 * recognise a file's source by its header fingerprint. Column order never matters.
 * @module
 */

/** A known export layout. */
export interface SourceFormat {
  /** Stable id, `<source>-<file>`, e.g. `stripe-payments`. */
  readonly id: string;
  /** The preset family (`stripe`, `nmi`, …), as `kmigrate init --source` names it. */
  readonly source: string;
  readonly label: string;
  readonly headers: readonly string[];
}

const csv = (s: string): string[] => s.split(',');

/** Every known layout; headers exactly as in the reference. */
export const SOURCE_FORMATS: readonly SourceFormat[] = [
  {
    id: 'stripe-customers',
    source: 'stripe',
    label: 'Stripe Dashboard customers export',
    headers: csv(
      'id,Description,Email,Name,Created (UTC),Delinquent,Plan,Status,Total Spend,Payment Count,Refunded Volume,Dispute Losses',
    ),
  },
  {
    id: 'stripe-subscriptions',
    source: 'stripe',
    label: 'Stripe Dashboard subscriptions export',
    headers: csv(
      'id,Customer ID,Customer Name,Customer Email,Customer Description,Plan,Product,Quantity,Currency,Interval,Amount,Status,Created (UTC),Start (UTC),Start Date (UTC),Current Period Start (UTC),Current Period End (UTC),Trial Start (UTC),Trial End (UTC),Canceled At (UTC),Ended At (UTC),Cancellation Reason',
    ),
  },
  {
    id: 'stripe-payments',
    source: 'stripe',
    label: 'Stripe Dashboard payments export',
    headers: csv(
      'id,Description,Seller Message,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Converted Amount Refunded,Fee,Tax,Converted Currency,Mode,Status,Statement Descriptor,Customer ID,Customer Description,Customer Email,Captured,Card ID,Card Last4,Card Brand,Card Funding,Card Exp Month,Card Exp Year,Card Name,Card Address Line1,Card Address Line2,Card Address City,Card Address State,Card Address Country,Card Address Zip,Card Issue Country,Card Fingerprint,Card CVC Status,Card AVS Zip Status,Card AVS Line1 Status,Card Tokenization Method,Disputed Amount,Dispute Status,Dispute Reason,Dispute Date (UTC),Dispute Evidence Due (UTC),Invoice ID,Payment Source Type,Destination,Transfer,Interchange Costs,Merchant Service Charge,Transfer Group,PaymentIntent ID',
    ),
  },
  {
    id: 'stripe-invoices',
    source: 'stripe',
    label: 'Stripe Dashboard invoices export',
    headers: csv(
      'id,Number,Customer,Customer Name,Customer Email,Amount Due,Amount Paid,Amount Remaining,Currency,Status,Date (UTC),Due Date (UTC),Period Start (UTC),Period End (UTC),Subscription,Charge,Billing Reason',
    ),
  },
  {
    id: 'stripe-pan',
    source: 'stripe',
    label: 'Stripe PAN export (cards)',
    headers: csv(
      'description,name,email,id,card.address_city,card.address_country,card.address_line1,card.address_line2,card.address_state,card.address_zip,card.exp_month,card.exp_year,card.id,card.name,card.number,default_source,card.transaction_ids',
    ),
  },
  {
    id: 'nmi-vault',
    source: 'nmi',
    label: 'NMI Customer Vault export',
    headers:
      'first_name last_name address_1 address_2 company city state postal_code country email phone fax cell_phone customertaxid website shipping_first_name shipping_last_name shipping_address_1 shipping_address_2 shipping_company shipping_city shipping_state shipping_postal_code shipping_country shipping_email shipping_carrier tracking_number shipping_date shipping cc_number cc_hash cc_exp check_account check_hash check_aba check_name account_holder_type account_type sec_code processor_id cc_bin customer_vault_id created updated'.split(
        ' ',
      ),
  },
  {
    id: 'nmi-subscriptions',
    source: 'nmi',
    label: 'NMI recurring subscriptions (the nmi.subscriptions preset layout)',
    headers:
      'subscription_id customer_vault_id plan_id plan_name plan_amount plan_payments day_frequency month_frequency day_of_month start_date next_charge_date completed_payments attempted_payments remaining_payments status'.split(
        ' ',
      ),
  },
  {
    id: 'nmi-transactions',
    source: 'nmi',
    label: 'NMI transactions (Query API fields)',
    headers:
      'transaction_id partial_payment_id partial_payment_balance platform_id transaction_type condition order_id authorization_code ponumber order_description first_name last_name address_1 address_2 company city state postal_code country email phone fax cell_phone customertaxid customerid website shipping_first_name shipping_last_name shipping_address_1 shipping_address_2 shipping_company shipping_city shipping_state shipping_postal_code shipping_country shipping_email shipping_phone cc_number cc_hash cc_exp cavv cavv_result xid avs_response csc_response cardholder_auth cc_start_date cc_issue_number check_account check_hash check_aba check_name account_holder_type account_type sec_code processor_id tax currency surcharge tip entry_mode cc_bin cc_type customer_vault_id amount action_type date response_text response_code'.split(
        ' ',
      ),
  },
  {
    id: 'authorize-net-expanded',
    source: 'authorize-net',
    label: 'Authorize.net transaction download (Expanded Fields, comma separated)',
    headers: csv(
      'Transaction ID,Transaction Status,Settlement Amount,Settlement Currency,Settlement Date/Time,Authorization Amount,Authorization Currency,Submit Date/Time,Authorization Code,Reference Transaction ID,Transaction Type,Address Verification Status,Card Code Status,Fraudscreen Applied,Recurring Billing Transaction,Partial Capture Status,Card Number,Expiration Date,Bank Account Number,Routing Number,Total Amount,Currency,Invoice Number,Invoice Description,Customer First Name,Customer Last Name,Company,Address,City,State,ZIP,Country,Phone,Fax,Email,Customer ID,Ship-To First Name,Ship-To Last Name,Ship-To Company,Ship-To Address,Ship-To City,Ship-To State,Ship-To ZIP,Ship-To Country,L2 - Tax,L2 - Freight,L2 - Duty,L2 - Tax Exempt,L2 - Purchase Order Number,CAVV Results Code,Business Day,Order Number,Available Card Balance,Approved Amount,Market Type,Product,Reserved7,Reserved8,Reserved9,Reserved10,Reserved11,Reserved12,Reserved13,Reserved14,Reserved15,Reserved16,Reserved17,Reserved18,Reserved19,Reserved20',
    ),
  },
  {
    id: 'authorize-net-tab',
    source: 'authorize-net',
    label: 'Authorize.net transaction download (Standard with Card Code, tab delimited)',
    headers: csv(
      'Response Code,Authorization Code,Address Verifications Status Code,Transaction ID,Submit Date/Time,Card Number,Expiration Date,Invoice Number,Invoice Description,Total Amount,Method,Action Code,Customer ID,Customer First Name,Customer Last Name,Company,Address,City,State,Zip,Country,Phone,Fax,Email',
    ),
  },
  {
    id: 'authorize-net-limited',
    source: 'authorize-net',
    label: 'Authorize.net transaction download (Limited Fields, tab delimited)',
    headers: csv(
      'Login ID,Submit Date/Time,Transaction Type,Method,Total Amount,Invoice Number,Customer ID,Card Number,Expiration Date,Authorization Code,Transaction Status,Address Verification Status,Customer Name,Company,Address,City,State,Zip,Country',
    ),
  },
  {
    id: 'braintree-vault',
    source: 'braintree',
    label: 'Braintree vault export (one row per card)',
    headers: csv(
      'id,first_name,last_name,company,email,phone,fax,website,credit_card.token,credit_card.cardholder_name,credit_card.number,credit_card.expiration_date,billing_address.first_name,billing_address.last_name,billing_address.company,billing_address.street_address,billing_address.extended_address,billing_address.locality,billing_address.region,billing_address.postal_code,billing_address.country_code_alpha2',
    ),
  },
  {
    id: 'braintree-transactions',
    source: 'braintree',
    label: 'Braintree transaction search CSV',
    headers: csv(
      'Transaction ID,Subscription ID,Transaction Type,Transaction Status,Escrow Status,Created Datetime,Created Timezone,Settlement Date,Disbursement Date,Merchant Account,Currency ISO Code,Amount Authorized,Amount Submitted For Settlement,Service Fee,Tax Amount,Tax Exempt,Purchase Order Number,Order ID,Descriptor Name,Descriptor Phone,Descriptor URL,Refunded Transaction ID,Payment Instrument Type,Card Type,Cardholder Name,First Six of Credit Card,Last Four of Credit Card,Credit Card Number,Expiration Date,Credit Card Customer Location,Customer ID,Payment Method Token,Credit Card Unique Identifier,Customer First Name,Customer Last Name,Customer Company,Customer Email,Customer Phone,Customer Fax,Customer Website,Billing Address ID,Billing First Name,Billing Last Name,Billing Company,Billing Street Address,Billing Extended Address,Billing City (Locality),Billing State Province (Region),Billing Postal Code,Billing Country,Shipping Address ID,Shipping First Name,Shipping Last Name,Shipping Company,Shipping Street Address,Shipping Extended Address,Shipping City (Locality),Shipping State Province (Region),Shipping Postal Code,Shipping Country,User,IP Address,Creating Using Token,Transaction Source,Authorization Code,Processor Response Code,Processor Response Text,Gateway Rejection Reason,Postal Code Response Code,Street Address Response Code,AVS Response Text,CVV Response Code,CVV Response Text,Settlement Amount,Settlement Currency ISO Code,Settlement Currency Exchange Rate,Fraud Detected,Disputed Date,Authorized Transaction ID,Customer Group ID,Has Gift Card,Shipping Method,Country of Issuance,Issuing Bank,Durbin Regulated,Commercial,Prepaid,Payroll,Healthcare,Affluent Category,Debit,Product ID,PayPal Payer Email,PayPal Payment ID,PayPal Authorization ID,PayPal Debug ID,PayPal Capture ID,PayPal Refund ID,PayPal Custom Field,PayPal Payer ID,PayPal Payer First Name,PayPal Payer Last Name,PayPal Seller Protection Status,PayPal Transaction Fee Amount,PayPal Transaction Fee Currency ISO Code,Last Four of Apple Pay,Expiration Month,Expiration Year,Cardholder Name,Android Pay Source Card Last Four,Android Pay Source Card Type,Risk ID,Risk Decision',
    ),
  },
  {
    id: 'recurly-accounts',
    source: 'recurly',
    label: 'Recurly accounts export',
    headers: csv(
      'account_code,account_email,account_username,account_company_name,account_first_name,account_last_name,account_has_billing_info,account_created_at,account_address1,account_address2,account_city,account_state,account_postal_code,account_country,account_phone,account_vat_number,account_tax_exempt,modified_at,closed_at,account_acquisition_cost,account_acquisition_currency,account_acquisition_channel,account_acquisition_subchannel,account_acquisition_campaign,account_acquisition_created_at,account_acquisition_modified_at,location_validation_tax_type,account_geo_code,parent_account_code,primary_payment_method,billing_info_id,dunning_campaign_code,dunning_campaign_id,preferred_locale,account_api_id,cc_emails',
    ),
  },
  {
    id: 'recurly-subscriptions',
    source: 'recurly',
    label: 'Recurly subscriptions export',
    headers: csv(
      'uuid,account_code,email,plan_code,state,auto_renew,currency,quantity,unit_amount,add_on_amount,total_recurring_amount,current_period_started_at,current_period_ends_at,trial_started_at,trial_ends_at,total_billing_cycles,remaining_billing_cycles,renewal_billing_cycles,current_term_started_at,current_term_ends_at,activated_at,modified_at,canceled_at,expires_at,maintenance_url,net_terms,po_number,collection_method,plan_name,expiration_reason,ship_address_id,ship_address_nickname,ship_address_firstname,ship_address_lastname,ship_address_company_name,ship_address_street1,ship_address_street2,ship_address_city,ship_address_state,ship_address_zip,ship_address_country,ship_address_vat,ship_address_email,ship_address_phone,started_with_gift,converted_at',
    ),
  },
  {
    id: 'woocommerce-subscriptions',
    source: 'woocommerce',
    label: 'WooCommerce Subscriptions exporter CSV',
    headers: csv(
      'subscription_id,subscription_status,customer_id,start_date,trial_end_date,next_payment_date,last_payment_date,end_date,billing_period,billing_interval,order_shipping,order_shipping_tax,fee_total,fee_tax_total,order_tax,cart_discount,cart_discount_tax,order_total,order_currency,payment_method,payment_method_title,payment_method_post_meta,payment_method_user_meta,shipping_method,billing_first_name,billing_last_name,billing_email,billing_phone,billing_address_1,billing_address_2,billing_postcode,billing_city,billing_state,billing_country,billing_company,shipping_first_name,shipping_last_name,shipping_address_1,shipping_address_2,shipping_postcode,shipping_city,shipping_state,shipping_country,shipping_company,customer_note,order_items,order_notes,coupon_items,fee_items,tax_items,download_permissions',
    ),
  },
  {
    id: 'sticky-orders',
    source: 'sticky',
    label: 'Sticky.io (LimeLight) order export',
    headers: csv(
      'order_id,customer_id,time_stamp,acquisition_date,order_status,is_recurring,recurring_date,retry_date,hold_date,is_hold,billing_cycle,ancestor_id,parent_id,child_id,campaign_id,main_product_id,order_total,gateway_id,transaction_id,auth_id,first_name,last_name,email_address,customers_telephone,billing_first_name,billing_last_name,billing_street_address,billing_street_address2,billing_city,billing_state,billing_postcode,billing_country,shipping_first_name,shipping_last_name,shipping_street_address,shipping_street_address2,shipping_city,shipping_state,shipping_postcode,shipping_country,cc_type,cc_first_6,cc_last_4,cc_expires,cc_number',
    ),
  },
];
