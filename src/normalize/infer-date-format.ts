/**
 * Date format inference over a whole column, with O(1) memory (counters only). Month-first
 * versus day-first is decided only by evidence over all rows, never guessed per row.
 * @module
 */
import { CellMemo } from '../core/index.js';
import {
  type DateFormatId,
  DateScan,
  type DateTokens,
  isZeroDate,
  lexDate,
  MAX_DATE_LENGTH,
  scanCommonDate,
} from './lex-date.js';
import { trimEnds } from './trim-ends.js';

export type { DateFormatId } from './lex-date.js';

/** What {@link createDateInference} concluded about a column. */
export interface DateInference {
  readonly format: DateFormatId | null;
  readonly ambiguous: boolean;
  readonly evidence: string;
  readonly counts: Record<DateFormatId, number>;
  /** Month/day values with both parts ≤ 12 (they fit MDY and DMY). */
  readonly undecided: number;
  readonly unparsable: number;
}

/** Options for {@link DateInferenceCollector.result}. */
export interface DateInferenceResultOptions {
  /** The configured reading of `a/b/yyyy` values when the column itself does not prove one. */
  readonly hint?: 'MDY' | 'DMY';
}

/** A column observer: call `observe` for every row, then `result` once. */
export interface DateInferenceCollector {
  /** `row`: the source row number evidence names (default: the count of values observed). */
  observe(raw: string, row?: number): void;
  result(options?: DateInferenceResultOptions): DateInference;
}

function emptyCounts(): Record<DateFormatId, number> {
  return { ISO: 0, YMD_COMPACT: 0, MDY: 0, DMY: 0, DMON: 0, MON_D_Y: 0, EXCEL_SERIAL: 0, UNIX: 0 };
}

/** Format a count with thousands separators, without locale globals. */
export function formatCount(n: number): string {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

function isCalendarLike(tokens: DateTokens): boolean {
  if (tokens.shape === 'EXCEL_SERIAL') return tokens.a >= 20_000 && tokens.a <= 80_000;
  if (tokens.shape === 'UNIX' || tokens.shape === 'NUMERIC') return true;
  const month = tokens.shape === 'MON_D_Y' ? tokens.a : tokens.b;
  const day =
    tokens.shape === 'ISO' || tokens.shape === 'YMD_COMPACT'
      ? tokens.c
      : tokens.shape === 'DMON'
        ? tokens.a
        : tokens.b;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

interface Proof {
  count: number;
  firstRow: number;
}

interface InferenceState {
  readonly counts: Record<DateFormatId, number>;
  readonly mdy: Proof;
  readonly dmy: Proof;
  rows: number;
  /** The row the last value came from (what evidence names). */
  at: number;
  undecided: number;
  unparsable: number;
  /** The previous value and what it showed: a column's dates often repeat row after row. */
  lastRaw: string | null;
  last: Observation;
  /**
   * What earlier values showed, while values repeat (dates without a time, a few hundred
   * timestamps in turn): the build's adaptive cell memo, off once misses outnumber hits.
   */
  readonly memo: CellMemo<Observation>;
}

/** The longest value the memo keeps (a date is short; a hostile cell is not kept). */
const MEMO_MAX_LENGTH = 64;

/** What one value shows: nothing (empty), not a date, a month/day value (undecided or proving an order), or a shape. */
type Observation = 'none' | 'unparsable' | 'undecided' | DateFormatId;

function classifyNumeric(tokens: DateTokens): Observation {
  const firstBig = tokens.a > 12;
  const secondBig = tokens.b > 12;
  if (tokens.a < 1 || tokens.b < 1 || tokens.a > 31 || tokens.b > 31 || (firstBig && secondBig))
    return 'unparsable';
  return firstBig ? 'DMY' : secondBig ? 'MDY' : 'undecided';
}

/** The common shapes are read into this one object: a distinct timestamp per row allocates nothing. */
const SCAN = new DateScan();

function classify(raw: string): Observation {
  const text = raw.length > MAX_DATE_LENGTH * 4 ? raw.slice(0, MAX_DATE_LENGTH + 1) : trimEnds(raw);
  if (text === '' || isZeroDate(text)) return 'none';
  const tokens = text.length <= MAX_DATE_LENGTH && scanCommonDate(text, SCAN) ? SCAN : lexDate(text);
  if (tokens === null || !isCalendarLike(tokens)) return 'unparsable';
  return tokens.shape === 'NUMERIC' ? classifyNumeric(tokens) : tokens.shape;
}

function tally(state: InferenceState, o: Observation): void {
  if (o === 'none') return;
  if (o === 'unparsable') state.unparsable++;
  else if (o === 'undecided') state.undecided++;
  else {
    if (o === 'MDY' || o === 'DMY') {
      const proof = o === 'DMY' ? state.dmy : state.mdy;
      proof.count++;
      if (proof.firstRow === 0) proof.firstRow = state.at;
    }
    state.counts[o]++;
  }
}

function observeValue(state: InferenceState, raw: string, row: number | undefined): void {
  state.rows++;
  state.at = row ?? state.rows;
  if (raw !== state.lastRaw) {
    state.last = recall(state, raw);
    state.lastRaw = raw;
  }
  tally(state, state.last);
}

/** What `raw` shows, from the memo when it can (see {@link InferenceState.memo}). */
function recall(state: InferenceState, raw: string): Observation {
  return raw.length > MEMO_MAX_LENGTH ? classify(raw) : state.memo.runAfterLast(raw, '');
}

/** Start inferring the date format of one column. */
export function createDateInference(): DateInferenceCollector {
  const state: InferenceState = {
    counts: emptyCounts(),
    mdy: { count: 0, firstRow: 0 },
    dmy: { count: 0, firstRow: 0 },
    rows: 0,
    at: 0,
    undecided: 0,
    unparsable: 0,
    lastRaw: null,
    last: 'none',
    // observations are string constants: kept as they are
    memo: new CellMemo(
      classify,
      () => true,
      (o) => o,
    ),
  };
  return {
    observe: (raw, row) => observeValue(state, raw, row),
    result: (options = {}) => decideDateFormat(state, options.hint),
  };
}

interface Decision {
  readonly format: DateFormatId | null;
  readonly ambiguous: boolean;
  readonly evidence: string;
}

function proofSentence(id: 'MDY' | 'DMY', proof: Proof): string {
  const part = id === 'DMY' ? 'first' : 'second';
  return `${id}: ${plural(proof.count, 'value has', 'values have')} a ${part} part > 12 (first at row ${formatCount(proof.firstRow)})`;
}

function decideNumeric(state: InferenceState, hint: 'MDY' | 'DMY' | undefined): Decision {
  const { mdy, dmy } = state;
  if (mdy.count > 0 && dmy.count > 0) {
    const evidence = `conflict: ${proofSentence('DMY', dmy)}, but ${proofSentence('MDY', mdy)}`;
    return { format: null, ambiguous: true, evidence };
  }
  if (dmy.count > 0 || mdy.count > 0) {
    const id = dmy.count > 0 ? 'DMY' : 'MDY';
    const overridden =
      hint !== undefined && hint !== id ? ` (the configured ${hint} hint is contradicted)` : '';
    return {
      format: id,
      ambiguous: false,
      evidence: proofSentence(id, id === 'DMY' ? dmy : mdy) + overridden,
    };
  }
  const all = `all ${plural(state.undecided, 'month/day value has', 'month/day values have')} day and month ≤ 12`;
  if (hint !== undefined)
    return { format: hint, ambiguous: false, evidence: `${all}; read as ${hint} by configuration` };
  return { format: null, ambiguous: true, evidence: `${all}: month-first or day-first cannot be decided` };
}

const SELF_DESCRIBING: readonly DateFormatId[] = ['ISO', 'YMD_COMPACT', 'DMON', 'MON_D_Y'];

function dominantTextFormat(counts: Record<DateFormatId, number>): DateFormatId | null {
  let best: DateFormatId | null = null;
  for (const id of SELF_DESCRIBING)
    if (counts[id] > 0 && (best === null || counts[id] > counts[best])) best = id;
  return best;
}

function mixNote(state: InferenceState, chosen: DateFormatId | null): string {
  const others = (Object.keys(state.counts) as DateFormatId[])
    .filter((id) => id !== chosen && id !== 'MDY' && id !== 'DMY' && state.counts[id] > 0)
    .map((id) => `${formatCount(state.counts[id])} ${id}`);
  const bad =
    state.unparsable > 0 ? [`${plural(state.unparsable, 'value is', 'values are')} not a date`] : [];
  const all = [...others, ...bad];
  return all.length === 0 ? '' : `; also ${all.join(', ')}`;
}

function decideDateFormat(state: InferenceState, hint: 'MDY' | 'DMY' | undefined): DateInference {
  const decision = decide(state, hint);
  const counts = { ...state.counts };
  return { ...decision, counts, undecided: state.undecided, unparsable: state.unparsable };
}

function decide(state: InferenceState, hint: 'MDY' | 'DMY' | undefined): Decision {
  const { counts } = state;
  const numeric = counts.MDY + counts.DMY + state.undecided;
  const text = dominantTextFormat(counts);
  if (numeric > 0) {
    const decision = decideNumeric(state, hint);
    return { ...decision, evidence: decision.evidence + mixNote(state, decision.format) };
  }
  if (text !== null) {
    const evidence = `${text}: ${plural(counts[text], 'value has', 'values have')} this shape${mixNote(state, text)}`;
    return { format: text, ambiguous: false, evidence };
  }
  for (const id of ['EXCEL_SERIAL', 'UNIX'] as const) {
    if (counts[id] > 0) {
      const evidence = `${id}: ${plural(counts[id], 'value is', 'values are')} ${id === 'UNIX' ? '10-digit epoch seconds' : 'Excel serial dates'}${mixNote(state, id)}`;
      return { format: id, ambiguous: false, evidence };
    }
  }
  const evidence =
    state.unparsable > 0
      ? `none of ${plural(state.unparsable, 'value', 'values')} is a recognised date`
      : 'no non-empty values';
  return { format: null, ambiguous: false, evidence };
}
