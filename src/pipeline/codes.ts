/**
 * Issue codes the build adds on top of the CSV, normalizer and check codes.
 * @module
 */
import type { IssueCatalog } from '../core/index.js';

export const PIPELINE_ISSUE_CODES = {
  LOOKUP_MISSING: {
    severity: 'error',
    description:
      'A source value has no entry in the lookup table (e.g. a plan with no campaign product assigned).',
  },
  DATE_AMBIGUOUS: {
    severity: 'error',
    description:
      'The date column cannot be read as MM/DD or DD/MM from the data; set format in migration.yaml.',
  },
  CUSTOMER_NOT_IN_TRANSACTIONS: {
    severity: 'error',
    description: 'A notes/details row refers to a customerId that is not in the Transactions output.',
  },
  CUSTOMER_ID_MERGED: {
    severity: 'warning',
    description:
      "A notes/details row of a duplicate customer (derive.duplicates), whom the Transactions output knows by the customerId it was merged into: a note takes that id; a details row is skipped (one row per customer: the merged one never displaces the customer's own).",
  },
  MAP_TARGET_NOT_IN_TEMPLATE: {
    severity: 'warning',
    description: 'The mapping fills a column that the vendor template does not have; it is not written.',
  },
  DUPLICATE_CUSTOMER_DETAILS: {
    severity: 'warning',
    description:
      'Additional Customer Details hold one row per customer: later rows of the same customer are skipped.',
  },
  MAP_UNKNOWN_TARGET: {
    severity: 'error',
    description: 'The mapping names a target column the format does not have.',
  },
  MAP_REQUIRED_UNMAPPED: { severity: 'error', description: 'A required target column has no mapping.' },
  MAP_SOURCE_COLUMN_MISSING: {
    severity: 'error',
    description: 'The mapping reads a source column that is not in the source header.',
  },
  MAP_SOURCE_COLUMN_ABSENT: {
    severity: 'warning',
    description:
      'One of several source columns listed for a target (`from: [A, B]`) is not in the header; the others are used.',
  },
  JOIN_ORPHAN: {
    severity: 'error',
    description:
      'A required join found no row: e.g. a payment whose customer is not in the customers export. The record is rejected.',
  },
  JOIN_AMBIGUOUS: {
    severity: 'warning',
    description:
      "A join marked `ambiguous: warn` found several rows for the record's key and took the preferred one, which may be the wrong one — e.g. an NMI or Recurly payment of a customer with several subscriptions (the export does not say which); check the row's plan and next bill date.",
  },
  JOIN_UNMATCHED: {
    severity: 'warning',
    description:
      "A join marked `unmatched: warn` found no row for the record's (non-blank) key; the record is kept without the joined row — e.g. a Stripe payment whose invoice is not in the invoices export (it is then not linked to a subscription).",
  },
  JOIN_ORDER_KEY_ABSENT: {
    severity: 'warning',
    description:
      'None of the derive.orders.by columns is in the transactions source: every transaction is an order of its own (a misspelt column splits every order).',
  },
  JOIN_UNUSED: {
    severity: 'warning',
    description:
      'A record of a joined source (a customer, a card, a subscription) that no written transaction row uses; listed in rejects.csv as skipped.',
  },
  REFUND_EXCEEDS_SALE: {
    severity: 'error',
    description:
      'A sale row says more was refunded than charged (derive.refunds): the export is inconsistent. The sale is written; the derived REFUND row is rejected.',
  },
  PACKED_ITEMS_DROPPED: {
    severity: 'error',
    description:
      'Records of a preset export hold several items in a packed cell that is not split into rows (WooCommerce `order_items` is: one row per product; another cell, such as `payment_method_post_meta`, is not): only the first item of each is imported — an error (exit 1) until the others are added by hand or the records split; the rows are named.',
  },
  ITEM_RECORD_NOT_WRITTEN: {
    severity: 'warning',
    description:
      "A row of a record holding several products (a WooCommerce subscription of several products: one row per product) that is not written because another product of the record was not: a record is written whole or not at all, so that no order is imported short of a product (its total would not add up). It stops a record when a product is rejected, when the record's first product is skipped and no other can carry its shared values, or when a product skipped by a rule carries part of the order's amount. Every product is checked, so each product's own fault (e.g. its `product_id` without a plan) is listed in one build; a fault of the record itself (its email, its card, its gateway's MID) is reported once, with the first row that shows it. rejects.csv lists every row of the record under its row: a product rejected or skipped with its own reason, the others with this code naming the first product that stopped the record (`not written, because product N of this record was rejected`). A record's REFUND row (`derive.refunds`: the refunded amount is the record's, so there is one, derived with its first product) says so (`The REFUND row derived from product 1 of this record: …`). Each row counts once: the record (in its source's accounting) as rejected when a product was rejected, else by its own row's fate; the further products by their own fate (`items` in report.json); and each of these rows is counted among the build's warnings. A product skipped by a rule (e.g. a free gift) that carries no amount of its own leaves the others written, wherever it stands: when it is the first, the first written product's row takes over the record's shipping and the rest of the order's tax and total (the written rows still add up to `order_total`) and counts as the record's row.",
  },
  JOIN_UNUSED_SUBSCRIBER: {
    severity: 'error',
    description:
      'A subscription that rebills (active, trialing, past due: derive.subscription; not one whose autoRenew flag says it will not renew) that no written transaction row carries — e.g. a trial with no charge yet, or a customer whose payments were all rejected. The customer would not be billed after the cut-over; listed in rejects.csv.',
  },
} as const satisfies IssueCatalog;
