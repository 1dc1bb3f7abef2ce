/**
 * The multi-source parts of migration.yaml: joins between sources and the derivations computed
 * over joined rows (subscription state, orders and refunds, duplicate customers).
 * @module
 */
import * as v from 'valibot';

const Text = v.pipe(v.string(), v.minLength(1));

/** `source.Column`: a column of a named source (the column name may itself contain dots). */
export const SourceRef = v.pipe(
  v.string(),
  v.regex(/^[a-z][a-z0-9_-]*\..+$/, 'must be source.Column, e.g. customers.Email'),
  v.description('A column of a named source: `source.Column` (e.g. `customers.Email`, `cards.card.id`).'),
);

export const JoinSchema = v.pipe(
  v.strictObject({
    from: SourceRef,
    to: SourceRef,
    required: v.optional(v.boolean()),
    else: v.optional(v.strictObject({ from: SourceRef, to: SourceRef })),
    prefer: v.optional(
      v.strictObject({
        column: Text,
        in: v.optional(v.array(v.string())),
        equalsColumn: v.optional(Text),
      }),
    ),
    ambiguous: v.optional(v.picklist(['first', 'warn'])),
    unmatched: v.optional(v.picklist(['ignore', 'warn'])),
  }),
  v.description(
    "Attach one row of the `to` source to every row of the `from` side. `required`: rows without a match are rejected (JOIN_ORPHAN). `else`: a second key tried when the first finds nothing. `prefer`: which of several matching rows wins (a column whose value is in `in`, or equals `equalsColumn`); ties go to the first row in the file. `ambiguous: warn`: a record whose key matches several rows gets a JOIN_AMBIGUOUS warning (the pick may be wrong: e.g. a payment linked to one of its customer's several subscriptions). `unmatched: warn`: a record whose key is not blank but matches no row (and no `else` row) gets a JOIN_UNMATCHED warning and is kept (e.g. a Stripe payment whose invoice is not in the invoices export).",
  ),
);
export type JoinConfig = v.InferOutput<typeof JoinSchema>;

export const DeriveSchema = v.pipe(
  v.strictObject({
    subscription: v.optional(
      v.strictObject({
        status: SourceRef,
        active: v.pipe(v.array(v.string()), v.minLength(1)),
        trialing: v.optional(v.array(v.string())),
        periodEnd: SourceRef,
        trialEnd: v.optional(SourceRef),
        autoRenew: v.optional(SourceRef),
        none: v.optional(v.array(v.string())),
      }),
    ),
    orders: v.optional(
      v.strictObject({
        id: SourceRef,
        by: v.optional(v.union([SourceRef, v.pipe(v.array(SourceRef), v.minLength(1))])),
        refundOf: v.optional(SourceRef),
        ignore: v.optional(v.array(v.string())),
      }),
    ),
    refunds: v.optional(
      v.pipe(
        v.strictObject({ amount: SourceRef }),
        v.description(
          'A source whose sale rows also carry the refunded amount (Stripe `Amount Refunded`): each row with a positive amount is followed by a REFUND row in the same order (`derived.txnType` REFUND, `derived.refundAmount` the amount; SALE and blank on the sale row).',
        ),
      ),
    ),
    duplicates: v.optional(
      v.strictObject({
        source: Text,
        email: v.optional(Text),
        phone: v.optional(Text),
        card: v.optional(Text),
      }),
    ),
  }),
  v.description(
    'Derived columns, read in mappings as `derived.isActiveRecurring`, `derived.nextBillDate`, `derived.orderId`, `derived.customerId`, `derived.txnType` and `derived.refundAmount`.',
  ),
);
export type DeriveConfig = v.InferOutput<typeof DeriveSchema>;
