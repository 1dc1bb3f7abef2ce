/**
 * Turns a column mapping's `normalize` name and options into one function per target column:
 * (raw source text, row context) → NormalizeResult. Column-level inferences (date format,
 * decimal separator) come in from the inference pass.
 * @module
 */
import type { ColumnMapping } from '../config/index.js';
import { describeShape } from '../core/index.js';
import {
  type DateFormatId,
  detectSpreadsheetDamage,
  fail,
  isPhoneRegion,
  lexDate,
  MOJIBAKE_REPAIRED,
  type NormalizePhoneOptions,
  type NormalizeResult,
  normalizeBoolean,
  normalizeCountry,
  normalizeDate,
  normalizeDateTime,
  normalizeDigits,
  normalizeEmail,
  normalizeExpiry,
  normalizeExpiryMonth,
  normalizeExpiryYear,
  normalizeMoney,
  normalizeName,
  normalizePhone,
  normalizePostalCode,
  normalizeState,
  ok,
  repairMojibake,
  splitFullName,
  stripTrailingDecimal,
  trimEnds,
} from '../normalize/index.js';
import type { ColumnSpec } from '../schema/index.js';

/** Values of the output row computed so far (country before state, etc.). */
export type OutputAccess = (column: string) => string;

/** A compiled cell normalizer. */
export type CellNormalizer = (raw: string, out: OutputAccess) => NormalizeResult<string>;

/** What the inference pass learnt about a source column. */
export interface ColumnInference {
  readonly dateFormat?: DateFormatId | null;
  readonly dateAmbiguous?: boolean;
  readonly dateEvidence?: string;
  readonly decimal?: '.' | ',' | null;
}

/** Zones in force for a column. */
export interface ZoneContext {
  readonly sourceZone: string;
  readonly targetZone: string;
}

const MESSY_SPACE = /\s{2}|[\t\n\r\f\v\u00a0]/;

/** `MESSY_SPACE.test(v)`, by a character scan for ASCII text (the regex costs more per cell). */
export function hasMessySpace(v: string): boolean {
  let space = false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c > 126) return MESSY_SPACE.test(v);
    if (c === 32) {
      if (space) return true;
      space = true;
    } else {
      if (c >= 9 && c <= 13) return true;
      space = false;
    }
  }
  return false;
}

const text: CellNormalizer = (raw) => {
  const v = trimEnds(raw);
  return ok(hasMessySpace(v) ? v.replace(/\s+/g, ' ') : v);
};

/**
 * True when `raw` is an id {@link idText} keeps as it is, by one scan: printable ASCII without a
 * space, not starting with an apostrophe, and without the characters of spreadsheet damage
 * (`#`, `.`, `e`, `E`: see detectSpreadsheetDamage). The others take the full path.
 */
function plainId(raw: string): boolean {
  const n = raw.length;
  if (n === 0 || raw.charCodeAt(0) === 39) return false;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c <= 32 || c >= 127 || c === 35 || c === 46 || c === 101 || c === 69) return false;
  }
  return true;
}

/**
 * An id (customerId, orderId, merchantTxnId, externalToken, trackingNumber): text without the one
 * leading apostrophe a spreadsheet keeps as its "this is text" marker (`'7210448301122`); the CRM
 * would store it.
 */
const idText: CellNormalizer = (raw, out) => {
  if (plainId(raw)) return ok(raw);
  const v = trimEnds(raw);
  // an id a spreadsheet turned into 4.00808E+15 (or ####, #N/A) has lost its digits: customers
  // and orders would merge; a trailing .0 is only dropped
  const damage = detectSpreadsheetDamage(v, 'id');
  // a spreadsheet writes E+ (4.00808E+15); `8e34` may be a hexadecimal id
  if (damage !== null && (damage.code !== 'SPREADSHEET_SCIENTIFIC_NOTATION' || v.includes('+'))) {
    if (damage.severity === 'error') return { ok: false, problem: damage };
    return ok(stripTrailingDecimal(v), damage);
  }
  return text(v.charCodeAt(0) === 39 ? v.slice(1) : v, out);
};

/**
 * The id columns ({@link idText}): customerId, orderId, merchantTxnId (names ending in Id), and the
 * gateway token and tracking number — an NMI vault id or a USPS number of 16–22 digits is what a
 * spreadsheet turns into 4.00808E+15 too.
 */
function isIdColumn(name: string): boolean {
  return name.endsWith('Id') || name === 'externalToken' || name === 'trackingNumber';
}

const INTEGER_SEPARATOR = /[-\s]/;
/**
 * A whole number (campaignId, productId, merchantId): the digits rules (spreadsheet damage, a
 * spreadsheet apostrophe or `.0`), but a sign, a space or a dash is refused, not dropped: `-1` is
 * not 1, `1-2` not 12.
 */
const integer: CellNormalizer = (raw) => {
  const v = trimEnds(raw);
  if (INTEGER_SEPARATOR.test(v))
    return fail('DIGITS_INVALID', 'The value must be a whole number: digits only, no sign, space or dash.', {
      received: describeShape(v),
    });
  return normalizeDigits(v, { kind: 'id' });
};

/**
 * Phone numbers: a number written without `+` reads in the configured `region`, else in the
 * row's country (`020 7946 0958` in a GB row is +44 20 7946 0958), else as US.
 */
function phoneNormalizer(m: ColumnMapping): CellNormalizer {
  const dummy = m.dummy ? { dummy: m.dummy } : {};
  if (m.region) {
    const opts: NormalizePhoneOptions = { ...dummy, defaultRegion: m.region as 'US' };
    return (raw) => normalizePhone(raw, opts);
  }
  const byRegion = new Map<string, NormalizePhoneOptions>();
  return (raw, out) => {
    const country = out('country');
    let opts = byRegion.get(country);
    if (opts === undefined) {
      opts = isPhoneRegion(country) ? { ...dummy, defaultRegion: country } : dummy;
      byRegion.set(country, opts);
    }
    return normalizePhone(raw, opts);
  };
}

/** Date shapes that read the same whatever a column's day/month order. */
const ORDERLESS: readonly DateFormatId[] = ['ISO', 'YMD_COMPACT', 'DMON', 'MON_D_Y'];

function dateNormalizer(
  m: ColumnMapping,
  inf: ColumnInference,
  zones: ZoneContext,
  withTime: boolean,
): CellNormalizer {
  const format = m.format && m.format !== 'auto' ? m.format : inf.dateFormat;
  const zoned = { sourceZone: m.timeZone ?? zones.sourceZone, targetZone: zones.targetZone };
  const reader = (f: DateFormatId): CellNormalizer => {
    const options = { ...zoned, format: f };
    return withTime ? (raw) => normalizeDateTime(raw, options) : (raw) => normalizeDate(raw, options);
  };
  if (format) return reader(format);
  const evidence = inf.dateEvidence ?? 'no value has a known date shape';
  const undecided = fail(
    'DATE_AMBIGUOUS',
    `The date format of this column is undecided (${evidence}); set format: MDY or DMY in migration.yaml.`,
  );
  // the column's day/month order is undecided: a value whose shape has no such order (ISO,
  // 20260304, 4-Mar-2026, Mar 4 2026) is still read; a/b/yyyy never is (never guessed per row)
  const orderless = new Map(ORDERLESS.map((f) => [f as string, reader(f)] as const));
  return (raw, out) => {
    const read = orderless.get(lexDate(trimEnds(raw))?.shape ?? '');
    return read === undefined ? undecided : read(raw, out);
  };
}

function expiryPart(m: ColumnMapping, part: 'month' | 'year'): CellNormalizer {
  const order = m.order ?? 'MMYY';
  return (raw) => {
    const v = trimEnds(raw);
    if (part === 'month' && /^\d{1,2}$/.test(v)) return normalizeExpiryMonth(v);
    if (part === 'year' && (/^\d{2}$/.test(v) || /^(?:19|20)\d{2}$/.test(v))) return normalizeExpiryYear(v);
    const both = normalizeExpiry(v, { order });
    if (!both.ok) return both;
    return both.warning ? ok(both.value[part], both.warning) : ok(both.value[part]);
  };
}

function nameNormalizer(part: 'first' | 'last' | 'full', spec: ColumnSpec): CellNormalizer {
  const max = spec.maxLength === undefined ? {} : { maxLength: spec.maxLength };
  if (part === 'full') return (raw) => normalizeName(raw, max);
  return (raw) => {
    const split = splitFullName(raw);
    if (!split.ok) return split;
    const value = split.value[part];
    const checked = normalizeName(value, max);
    if (!checked.ok) return checked;
    return split.warning ? ok(checked.value, split.warning) : checked;
  };
}

/**
 * The output columns a column's normalizer reads (its memo context): the country for a state and
 * for a phone number without a configured region, the country and state for a postal code; none
 * for the others.
 */
export function normalizerContext(m: ColumnMapping, spec: ColumnSpec): readonly string[] {
  const kind = m.normalize ?? defaultNormalizer(spec);
  const country = spec.countryColumn;
  if (kind === 'state' && country) return [country];
  if (kind === 'postal' && country) return [country, spec.name.startsWith('ship') ? 'shipState' : 'state'];
  if (kind === 'phone' && !m.region) return ['country'];
  return [];
}

/**
 * `inner` on the value with its mojibake repaired ("JosÃ©" → "José", TEXT_MOJIBAKE_REPAIRED), for the
 * name and free-text columns; a value without mojibake costs one regex test.
 */
function repairing(inner: CellNormalizer): CellNormalizer {
  return (raw, out) => {
    const fixed = repairMojibake(raw);
    if (fixed === null) return inner(raw, out);
    const result = inner(fixed, out);
    return result.ok && result.warning === undefined ? ok(result.value, MOJIBAKE_REPAIRED) : result;
  };
}

/** Compile the normalizer of one mapped column, without a memo. */
export function compilePlainNormalizer(
  m: ColumnMapping,
  spec: ColumnSpec,
  inf: ColumnInference,
  zones: ZoneContext,
): CellNormalizer {
  const country = (out: OutputAccess): string => (spec.countryColumn ? out(spec.countryColumn) : '');
  switch (m.normalize ?? defaultNormalizer(spec)) {
    case 'name':
      return repairing(nameNormalizer('full', spec));
    case 'first-name':
      return repairing(nameNormalizer('first', spec));
    case 'last-name':
      return repairing(nameNormalizer('last', spec));
    case 'phone':
      return phoneNormalizer(m);
    case 'email':
      return (raw) => normalizeEmail(raw);
    case 'country':
      return (raw) => normalizeCountry(raw);
    case 'state':
      return (raw, out) => normalizeState(raw, { country: country(out) });
    case 'postal':
      return (raw, out) =>
        normalizePostalCode(raw, {
          country: country(out),
          state: out(spec.name.startsWith('ship') ? 'shipState' : 'state'),
        });
    case 'date':
      return dateNormalizer(m, inf, zones, false);
    case 'datetime':
      return dateNormalizer(m, inf, zones, true);
    case 'money': {
      const set = m.decimal === '.' || m.decimal === ',' ? m.decimal : null;
      const decimal = set ?? inf.decimal ?? '.';
      // the values did not decide (1.200 alone): such a value is refused, not read one way
      const undecided = set === null && inf.decimal === null;
      const negative = m.negative ?? 'reject';
      // undeclared: USD is assumed, and a problem says so
      const options = { decimal, cents: m.cents ?? false, undecided, negative };
      const money = m.currency === undefined ? options : { ...options, currency: m.currency.toUpperCase() };
      return (raw) => normalizeMoney(raw, money);
    }
    case 'boolean':
      return (raw) => normalizeBoolean(raw);
    case 'digits': {
      const kind =
        m.kind ?? (spec.checksum === 'luhn' ? 'card' : spec.checksum === 'aba' ? 'routing' : 'account');
      return (raw) => normalizeDigits(raw, { kind });
    }
    case 'expiry-month':
      return expiryPart(m, 'month');
    case 'expiry-year':
      return expiryPart(m, 'year');
    case 'integer':
      return integer;
    case 'enum':
      return text;
    case 'text':
      return isIdColumn(spec.name) ? idText : repairing(text);
  }
}

/** The normalizer a target column gets when the mapping names none. */
export function defaultNormalizer(spec: ColumnSpec): NonNullable<ColumnMapping['normalize']> {
  switch (spec.type) {
    case 'datetime':
      return 'datetime';
    case 'date':
      return 'date';
    case 'decimal':
      return 'money';
    case 'bit':
      return 'boolean';
    case 'digits':
      return 'digits';
    case 'month':
      return 'expiry-month';
    case 'year':
      return 'expiry-year';
    case 'email':
      return 'email';
    case 'phone':
      return 'phone';
    case 'state':
      return 'state';
    case 'postal':
      return 'postal';
    case 'country':
      return 'country';
    case 'integer':
      return 'integer';
    case 'varchar':
      return spec.name.toLowerCase().includes('name') && !spec.name.endsWith('Id') ? 'name' : 'text';
    default:
      return 'text';
  }
}
