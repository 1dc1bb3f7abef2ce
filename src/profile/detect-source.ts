/**
 * Recognise a file's source by its header fingerprint.
 * @module
 */
import { headerKey } from './header-key.js';
import type { SourceFormat } from './source-formats.js';
import { SOURCE_FORMATS } from './source-formats.js';

/** The best-matching known layout. */
export interface SourceGuess {
  readonly id: string;
  readonly source: string;
  readonly label: string;
  /** 0–1: share of the file's columns the layout explains, weighed with the layout's coverage. */
  readonly score: number;
  readonly matched: number;
  readonly fileColumns: number;
  readonly layoutColumns: number;
}

const MIN_SCORE = 0.5;
const MIN_MATCHED = 3;
/** Columns named like the layout's own (not {@link GENERIC_KEYS}) a header must share with it. */
const MIN_DISTINCTIVE = 2;

/**
 * Column names any export may have (header keys): a generic export's `Transaction ID, Card
 * Number, Address, City, State, Zip, Country, Email, Phone` share ten names with Authorize.net's
 * download without being one. They count towards a layout's score, but a layout is recognised
 * only by names of its own as well (`Submit Date/Time`, `Invoice Number`, `action_type`, …).
 * Not map's WEAK_ALIASES: those are weak evidence of a column's role (`condition` is one, yet
 * names NMI's layout; `email` is a strong alias, yet any export has it).
 */
const GENERIC_KEYS: ReadonlySet<string> = new Set([
  'id',
  'name',
  'firstname',
  'lastname',
  'email',
  'phone',
  'fax',
  'company',
  'address',
  'address1',
  'address2',
  'city',
  'state',
  'zip',
  'zipcode',
  'postalcode',
  'country',
  'amount',
  'total',
  'status',
  'type',
  'date',
  'created',
  'currency',
  'description',
  'customerid',
  'orderid',
  'transactionid',
  'cardnumber',
  'cardtype',
  'expirationdate',
  'plan',
]);

function distinctiveMatches(keys: ReadonlySet<string>, format: SourceFormat): number {
  let n = 0;
  for (const h of format.headers) {
    const k = headerKey(h);
    if (keys.has(k) && !GENERIC_KEYS.has(k)) n++;
  }
  return n;
}

function scoreFormat(keys: ReadonlySet<string>, format: SourceFormat): SourceGuess {
  const layout = new Set(format.headers.map(headerKey));
  let matched = 0;
  for (const k of keys) if (layout.has(k)) matched++;
  const explained = keys.size === 0 ? 0 : matched / keys.size;
  const coverage = layout.size === 0 ? 0 : matched / layout.size;
  const score = Math.round((0.75 * explained + 0.25 * Math.min(1, coverage * 2)) * 100) / 100;
  return {
    id: format.id,
    source: format.source,
    label: format.label,
    score,
    matched,
    fileColumns: keys.size,
    layoutColumns: layout.size,
  };
}

/** The known layout this header most likely comes from, or null when none fits well enough. */
export function detectSource(
  header: readonly string[],
  formats: readonly SourceFormat[] = SOURCE_FORMATS,
): SourceGuess | null {
  const keys = new Set(header.map(headerKey).filter((k) => k !== ''));
  let best: SourceGuess | null = null;
  for (const format of formats) {
    if (distinctiveMatches(keys, format) < MIN_DISTINCTIVE) continue;
    const guess = scoreFormat(keys, format);
    if (
      best === null ||
      guess.score > best.score ||
      (guess.score === best.score && guess.matched > best.matched)
    )
      best = guess;
  }
  return best !== null && best.score >= MIN_SCORE && best.matched >= MIN_MATCHED ? best : null;
}
