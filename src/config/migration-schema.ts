/**
 * The migration.yaml format, as one valibot schema: validation, types and the JSON Schema for
 * editors all come from here.
 * @module
 */
import * as v from 'valibot';
import { isCalendarDate } from '../core/index.js';
import { isCurrencyCode, isValidTimeZone } from '../normalize/index.js';
import { DeriveSchema, JoinSchema } from './join-schema.js';

/** Normalizer names a column mapping can use. */
export const NORMALIZERS = [
  'text',
  'name',
  'first-name',
  'last-name',
  'phone',
  'email',
  'country',
  'state',
  'postal',
  'date',
  'datetime',
  'money',
  'boolean',
  'enum',
  'digits',
  'expiry-month',
  'expiry-year',
  'integer',
] as const;
export type NormalizerName = (typeof NORMALIZERS)[number];

export const DATE_FORMATS = [
  'auto',
  'ISO',
  'YMD_COMPACT',
  'MDY',
  'DMY',
  'DMON',
  'MON_D_Y',
  'EXCEL_SERIAL',
  'UNIX',
] as const;

const Text = v.pipe(v.string(), v.minLength(1));
const Zone = v.pipe(
  v.string(),
  v.minLength(1),
  v.check(isValidTimeZone, 'must be an IANA time zone name, e.g. America/New_York or UTC'),
  v.description('IANA time zone, e.g. America/New_York or UTC.'),
);
/**
 * A currency (target.currency, a money column's currency): an ISO 4217 code, or `any` (both in any
 * case; `any` and codes normalized).
 */
const Currency = v.pipe(
  v.string(),
  v.check(
    (s) => s.toLowerCase() === 'any' || isCurrencyCode(s.toUpperCase()),
    'must be an ISO 4217 currency code (e.g. USD or EUR) or any',
  ),
  v.transform((s) => (s.toLowerCase() === 'any' ? 'any' : s.toUpperCase())),
);
const Ymd = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
  // the shape is the regex's message; this one is for 2026-02-30 and 2026-13-01
  v.check((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isCalendarDate(s), 'must be a date that exists'),
);

export const ColumnMappingSchema = v.pipe(
  v.strictObject({
    from: v.optional(v.union([Text, v.pipe(v.array(Text), v.minLength(1))]), undefined),
    value: v.optional(v.string()),
    derive: v.optional(v.picklist(['billShipSame'])),
    normalize: v.optional(v.picklist(NORMALIZERS)),
    map: v.optional(v.record(v.string(), v.string())),
    lookup: v.optional(Text),
    field: v.optional(Text),
    default: v.optional(v.string()),
    format: v.optional(
      v.pipe(
        v.picklist(DATE_FORMATS),
        v.description(
          "Date (only on a date or date-time column): the format of this column's values (default auto: decided from all of them).",
        ),
      ),
    ),
    timeZone: v.optional(
      v.pipe(
        Zone,
        v.description(
          "Date (only on a date or date-time column): the IANA zone this column's values are written in (default: the source's timeZone).",
        ),
      ),
    ),
    order: v.optional(
      v.pipe(
        v.picklist(['MMYY', 'YYMM']),
        v.description(
          'Card expiry (only on an expiry month or year column): the order of a 4-digit expiry value (default MMYY).',
        ),
      ),
    ),
    decimal: v.optional(v.picklist(['.', ',', 'auto'])),
    cents: v.optional(v.boolean()),
    negative: v.optional(
      v.pipe(
        v.picklist(['reject', 'absolute']),
        v.description(
          'Money: a negative amount (-29.95, (29.95)) is refused (reject, the default) or written without its sign (absolute: exports that write refunds as negative amounts).',
        ),
      ),
    ),
    currency: v.optional(
      v.pipe(
        Currency,
        v.description(
          "Money (only on a money column): the ISO 4217 code this column's amounts are in (default: target.currency, else USD). A value marked with another currency (€29.95 in a USD column) is MONEY_CURRENCY_MISMATCH. any: currency markers are removed unchecked (amounts in several currencies, each row's MID chosen by its currency).",
        ),
      ),
    ),
    dummy: v.optional(
      v.pipe(
        v.string(),
        // isWritableDummy as a pattern, so that an editor checks it too
        v.regex(
          /^1?\d{10}$/,
          'must be a US/CA number of 10 digits (e.g. 1111111111), or 11 starting with 1: Konnektive takes a US/CA phoneNumber as 10 digits, the form a source number is written in (an 11-digit dummy is written without its leading 1)',
        ),
        v.description(
          'Phone (only on a phone column): digits written when the source is empty (only when the rebilling gateway accepts it), in the form phoneNumber takes a US/CA number: 10 digits, or 11 starting with 1, written without it (10000000000 is written 0000000000, as a source value 1-000-000-0000 is).',
        ),
      ),
    ),
    region: v.optional(
      v.pipe(
        v.string(),
        v.length(2),
        v.description(
          "Phone (only on a phone column): the region a number written without + is read in (an ISO country code such as GB; default: the row's country, else US).",
        ),
      ),
    ),
    kind: v.optional(
      v.pipe(
        v.picklist(['card', 'routing', 'account', 'id']),
        v.description(
          'Digits (only on a digits column): the checks the digits get (default: card for cardNumber, routing for achRoutingNumber, account otherwise).',
        ),
      ),
    ),
  }),
  v.description(
    'How one target column is filled: from a source column (through a normalizer), a constant, a lookup or a derivation.',
  ),
);
export type ColumnMapping = v.InferOutput<typeof ColumnMappingSchema>;

export const SkipRuleSchema = v.strictObject({
  column: Text,
  equals: v.optional(v.string()),
  in: v.optional(v.array(v.string())),
  empty: v.optional(v.boolean()),
  reason: v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9_]*$/, 'must be an UPPER_SNAKE reason code')),
});
export type SkipRule = v.InferOutput<typeof SkipRuleSchema>;

export const SourceSchema = v.strictObject({
  name: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_-]*$/, 'must be lower-case letters, digits, - or _')),
  file: Text,
  delimiter: v.optional(v.picklist([',', ';', '\t', '|', 'auto'])),
  encoding: v.optional(v.picklist(['auto', 'utf-8', 'windows-1252'])),
  headerLine: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  timeZone: v.optional(Zone),
  dateOrder: v.optional(v.picklist(['MDY', 'DMY'])),
  preset: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[a-z-]+\.[a-z-]+$/, 'must be vendor.file, e.g. stripe.payments'),
      v.description('A source preset (vendor.file): header aliases, card columns, packed-cell adapters.'),
    ),
  ),
  key: v.optional(v.pipe(Text, v.description('The column that identifies a record of this source.'))),
  sensitive: v.optional(
    v.pipe(
      v.array(Text),
      v.description('Card or account number columns: kept encrypted in the staging database.'),
    ),
  ),
});
export type SourceConfig = v.InferOutput<typeof SourceSchema>;

export const OutputFileSchema = v.strictObject({
  source: Text,
  file: v.optional(Text),
  skip: v.optional(v.array(SkipRuleSchema)),
  columns: v.record(v.string(), ColumnMappingSchema),
});
export type OutputFileConfig = v.InferOutput<typeof OutputFileSchema>;

export const LookupSchema = v.record(
  v.string(),
  v.union([v.string(), v.record(v.string(), v.union([v.string(), v.number()]))]),
);

export const MigrationConfigSchema = v.strictObject({
  version: v.literal(1),
  target: v.optional(
    v.strictObject({
      template: v.optional(Text),
      importDate: v.optional(Ymd),
      imminentDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
      timeZone: v.optional(Zone),
      currency: v.optional(
        v.pipe(
          Currency,
          v.description(
            "ISO 4217 code of the amounts (the currency of the CRM campaigns and MIDs they are imported into; default USD). The import file holds no currency: an amount marked with another one (€29.95, 29.95 GBP) is MONEY_CURRENCY_MISMATCH. any (in any case): every money column's currency markers are removed unchecked (amounts in several currencies, each row's MID chosen by its currency); a column's own currency wins.",
          ),
        ),
      ),
      cardLikeIds: v.optional(
        v.pipe(
          v.array(v.picklist(['customerId', 'orderId', 'merchantTxnId', 'externalToken', 'trackingNumber'])),
          v.description(
            'Id columns whose values may be shaped like card numbers (16-digit vault ids that pass Luhn): the leak check does not count them as card numbers. Only for ids that are not card numbers.',
          ),
        ),
      ),
    }),
    {},
  ),
  sources: v.pipe(v.array(SourceSchema), v.minLength(1)),
  transactions: OutputFileSchema,
  notes: v.optional(OutputFileSchema),
  details: v.optional(OutputFileSchema),
  lookups: v.optional(v.record(v.string(), LookupSchema), {}),
  joins: v.optional(v.array(JoinSchema)),
  derive: v.optional(DeriveSchema),
});
export type MigrationConfig = v.InferOutput<typeof MigrationConfigSchema>;
