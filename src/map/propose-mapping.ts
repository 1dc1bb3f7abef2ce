/**
 * The mapping proposal (pure): source header (+ optional column profiles) → one source column
 * per target, each with a confidence; below the threshold a target is left unmapped and said so.
 * @module
 */
import type { ColumnProfile, SourceGuess } from '../profile/index.js';
import { detectSource, headerKey } from '../profile/index.js';
import type { Candidate, MatchStrategy } from './column-candidates.js';
import { columnCandidates } from './column-candidates.js';
import type { PresetEntry } from './preset-tables.js';
import { MASKED, PRESET_TABLES } from './preset-tables.js';
import type { RoleTarget } from './roles.js';
import { ROLES } from './roles.js';

/** The transactions file's target columns, in spec order. */
export const TRANSACTION_TARGETS: readonly string[] =
  'customerId orderId dateCreated campaignId productId isActiveRecurring nextBillDate paySource cardNumber cardExpiryMonth cardExpiryYear achRoutingNumber achAccountNumber achAccountType merchantId merchantTxnId txnType subTotal shippingPrice salesTax totalAmount responseType responseText firstName lastName address1 address2 city state postalCode country emailAddress phoneNumber billShipSame shipFirstName shipLastName shipAddress1 shipAddress2 shipCity shipState shipPostalCode shipCountry trackingNumber externalToken'.split(
    ' ',
  );

/** One proposed source column → role (→ one or more targets). */
export interface ProposedEntry {
  readonly column: string;
  readonly role: string;
  readonly targets: readonly RoleTarget[];
  readonly confidence: number;
  readonly strategy: MatchStrategy;
  readonly evidence: string;
}

/** `kmigrate map --format json`. */
export interface MappingProposal {
  readonly source: SourceGuess | null;
  readonly threshold: number;
  /** At or above the threshold: proposed. */
  readonly entries: readonly ProposedEntry[];
  /** The best candidate of each still-unmapped target below the threshold: left unmapped. */
  readonly below: readonly ProposedEntry[];
  /** Columns the preset knows but deliberately leaves out. */
  readonly ignored: readonly { readonly column: string; readonly reason: string }[];
  /** Targets already mapped in migration.yaml (kept as written). */
  readonly kept: readonly string[];
  /**
   * Targets mapped in migration.yaml from columns this file does not have (a template's
   * placeholder, a header renamed since): proposed again, their entry replaced by --write.
   */
  readonly stale: readonly StaleEntry[];
  /** Targets with no source column (constants, derivations or the merchant's choice). */
  readonly unmappedTargets: readonly string[];
  readonly unusedColumns: readonly string[];
}

/** An entry of migration.yaml naming only columns the file does not have. */
export interface StaleEntry {
  readonly target: string;
  readonly from: readonly string[];
}

/** Options for {@link proposeMapping}. */
export interface ProposeOptions {
  readonly threshold?: number;
  /** Column profiles by column index (value-shape evidence). */
  readonly profiles?: readonly ColumnProfile[];
  /** Targets the user already mapped: never proposed again. */
  readonly existingTargets?: ReadonlySet<string>;
  /** Use this layout's preset instead of detecting one ('none': no preset). */
  readonly layout?: string;
  /** Entries naming columns the file does not have (not in `existingTargets`): reported. */
  readonly stale?: readonly StaleEntry[];
  /** The column subTotal reads in migration.yaml, when `existingTargets` holds subTotal. */
  readonly keptSubTotal?: string;
}

const STRATEGY_ORDER: Readonly<Record<MatchStrategy, number>> = { preset: 0, alias: 1, value: 2, fuzzy: 3 };

function byStrength(a: Candidate, b: Candidate): number {
  return (
    b.confidence - a.confidence ||
    STRATEGY_ORDER[a.strategy] - STRATEGY_ORDER[b.strategy] ||
    a.rank - b.rank ||
    a.index - b.index
  );
}

function presetFor(layout: string | null): ReadonlyMap<string, PresetEntry> {
  const table = layout === null ? undefined : PRESET_TABLES[layout];
  return new Map(Object.entries(table ?? {}).map(([header, entry]) => [headerKey(header), entry]));
}

function entryOf(c: Candidate): ProposedEntry {
  const targets = ROLES[c.role]?.targets ?? [];
  return {
    column: c.column,
    role: c.role,
    targets,
    confidence: Math.round(c.confidence * 100) / 100,
    strategy: c.strategy,
    evidence: c.evidence,
  };
}

/** A price before tax and shipping (`price`, `unit_amount`, `plan_amount`, `Subtotal`); any other amount is what was charged. */
const PRICE_BEFORE_TAX = /price|unit[\s_-]?amount|plan[\s_-]?amount|sub[\s_-]?total/i;

/**
 * A processor's charged amount (`Total Amount`, `order_total`, `Amount`) holds the tax and the
 * shipping already: proposed as subTotal beside the file's tax and shipping columns, those would
 * be counted twice (the CRM adds them to subTotal). They are left out, said why; a merchant with
 * a price-before-tax column maps that as subTotal and the tax and shipping with it.
 */
function unCountTwice(
  entries: ProposedEntry[],
  ignored: { column: string; reason: string }[],
  takenTargets: Set<string>,
  takenColumns: Set<number>,
  header: readonly string[],
  keptSubTotal: string | undefined,
): boolean {
  const proposed = entries.find((e) => e.role === 'subTotal')?.column;
  // subTotal as migration.yaml maps it (kept, never proposed again) is as much the charged amount
  const charged = proposed ?? keptSubTotal;
  if (charged === undefined || PRICE_BEFORE_TAX.test(charged)) return false;
  const how = proposed === undefined ? 'mapped as subTotal' : 'proposed as subTotal';
  for (let k = entries.length - 1; k >= 0; k--) {
    const e = entries[k]!;
    if (!countedTwice(e)) continue;
    entries.splice(k, 1);
    for (const t of e.targets) takenTargets.delete(t.target);
    takenColumns.delete(header.indexOf(e.column));
    ignored.push({
      column: e.column,
      reason: `already in ${charged} (the charged amount, ${how}): mapped as ${e.role} too it would be counted twice — map a price-before-tax column as subTotal to keep it`,
    });
  }
  return true;
}

/** Tax and shipping are not suggested below the threshold either beside a charged amount. */
function countedTwice(entry: ProposedEntry): boolean {
  return entry.role === 'salesTax' || entry.role === 'shippingPrice';
}

/** Propose a mapping for one source header. */
export function proposeMapping(header: readonly string[], options: ProposeOptions = {}): MappingProposal {
  const threshold = options.threshold ?? 0.8;
  const existing = options.existingTargets ?? new Set<string>();
  const source = detectSource(header);
  const layout = options.layout === 'none' ? null : (options.layout ?? source?.id ?? null);
  const preset = presetFor(layout);
  const ignored: { column: string; reason: string }[] = [];
  const candidates: Candidate[] = [];
  header.forEach((column, index) => {
    const listed = preset.get(headerKey(column));
    // a column of Luhn-valid card numbers is the card number whatever its name: a layout that
    // knows it as masked (`Card Number` of a download) does not leave out full numbers
    const pans = options.profiles?.[index]?.type === 'card-number';
    const entry = pans && listed === MASKED ? undefined : listed;
    if (entry !== undefined && typeof entry !== 'string') ignored.push({ column, reason: entry.ignore });
    candidates.push(...columnCandidates(column, index, entry, options.profiles?.[index]));
  });
  candidates.sort(byStrength);
  const takenTargets = new Set<string>(existing);
  const takenColumns = new Set<number>();
  const entries: ProposedEntry[] = [];
  const below: ProposedEntry[] = [];
  for (const c of candidates) {
    const targets = (ROLES[c.role]?.targets ?? []).map((t) => t.target);
    if (takenColumns.has(c.index) || targets.some((t) => takenTargets.has(t))) continue;
    if (c.confidence >= threshold && c.empty !== true) {
      entries.push(entryOf(c));
      for (const t of targets) takenTargets.add(t);
      takenColumns.add(c.index);
    } else if (!below.some((b) => b.role === c.role) && !entries.some((e) => e.column === c.column))
      below.push(entryOf(c));
  }
  const charged = unCountTwice(entries, ignored, takenTargets, takenColumns, header, options.keptSubTotal);
  const belowOpen = below.filter(
    (b) =>
      !b.targets.some((t) => takenTargets.has(t.target)) &&
      !takenColumns.has(header.indexOf(b.column)) &&
      !(charged && countedTwice(b)),
  );
  return {
    source,
    threshold,
    entries,
    below: belowOpen,
    ignored,
    kept: [...existing],
    stale: options.stale ?? [],
    unmappedTargets: TRANSACTION_TARGETS.filter((t) => !takenTargets.has(t)),
    unusedColumns: header.filter((_, i) => !takenColumns.has(i)),
  };
}
