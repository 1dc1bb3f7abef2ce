/**
 * Money amounts to Konnektive decimals (`1234.50`): no symbol, no thousands separator, fixed
 * decimals. String arithmetic only, never floating point. Pure and total.
 * @module
 */
import { describeShape } from '../core/index.js';
import { fail, type NormalizeResult, ok } from './result.js';

/** Options for {@link normalizeMoney}. */
export interface NormalizeMoneyOptions {
  /** The decimal separator of the column (see {@link inferDecimalSeparator}). Default '.'. */
  readonly decimal?: '.' | ',';
  /**
   * The column's values did not decide its separator (inference undecided or in conflict): a value
   * that reads both ways (`1.200`, `1,234`: a thousands group or three decimals) is refused
   * instead of read with `decimal`. Default false.
   */
  readonly undecided?: boolean;
  /** The column holds integer minor units (cents): `1999` → `19.99`. Default false. */
  readonly cents?: boolean;
  /**
   * `reject` (default) gives MONEY_NEGATIVE; `allow` keeps the minus sign; `absolute` drops it (an
   * export that writes refunds as negative amounts, where the target takes the refunded amount).
   */
  readonly negative?: 'allow' | 'reject' | 'absolute';
  /** Decimals written (and the most accepted unless the extra ones are zeros). Default 2. */
  readonly maxDecimals?: number;
  /** Most digits before the decimal point. Default 9 (999,999,999.99). */
  readonly maxIntegerDigits?: number;
}

interface SignedText {
  readonly body: string;
  readonly negative: boolean;
}

const CODES = 'USD|CAD|AUD|NZD|EUR|GBP|CHF|JPY|MXN|DKK|SEK|NOK|PLN|BRL|INR|ZAR|SGD|HKD';
const CURRENCY_HEAD_RE = new RegExp(`^(?:(?:${CODES})\\s?|[A-Z]{1,2}\\$\\s?|[$€£¥]\\s?)`, 'i');
const CURRENCY_TAIL_RE = new RegExp(`(?:\\s?(?:${CODES})|\\s?[$€£¥])$`, 'i');
const DOT_NUMBER_RE = /^(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;
const COMMA_NUMBER_RE = /^(?:\d{1,3}(?:[. \u00a0\u202f]\d{3})+|\d*)(?:,(\d*))?$/;

function invalid(text: string): NormalizeResult {
  return fail('MONEY_INVALID', 'Not a money amount.', {
    received: describeShape(text),
    expected: 'an amount such as 1234.50',
  });
}

/** Peel accounting parentheses, signs and currency symbols or codes off the number. */
function peel(text: string): SignedText | null {
  let body = text;
  let negative = false;
  if (body.startsWith('(') && body.endsWith(')')) {
    body = body.slice(1, -1).trim();
    negative = true;
  }
  for (let round = 0; round < 2; round++) {
    const sign = body[0] === '-' || body[0] === '+' ? body[0] : body.endsWith('-') ? '-' : '';
    if (sign !== '') {
      if (negative) return null;
      negative = sign === '-';
      body = body[0] === sign ? body.slice(1).trim() : body.slice(0, -1).trim();
    }
    const stripped = body.replace(CURRENCY_HEAD_RE, '').replace(CURRENCY_TAIL_RE, '').trim();
    if (stripped === body && sign === '') break;
    body = stripped;
  }
  return { body, negative };
}

function ambiguous(text: string, decimal: '.' | ','): NormalizeResult {
  const other = decimal === '.' ? ',' : '.';
  return fail(
    'MONEY_AMBIGUOUS_SEPARATOR',
    `The amount uses '${other}' before 1–2 digits, but the column's decimal separator is '${decimal}'.`,
    {
      received: describeShape(text),
      expected: `an amount with '${decimal}' as the decimal separator`,
    },
  );
}

type Parts = readonly [whole: string, fraction: string];

function isProblem(value: Parts | NormalizeResult): value is NormalizeResult {
  return !Array.isArray(value);
}

/** Split into integer digits and fraction digits, or a problem. */
function split(text: string, body: string, decimal: '.' | ','): Parts | NormalizeResult {
  const m = (decimal === '.' ? DOT_NUMBER_RE : COMMA_NUMBER_RE).exec(body);
  if (m === null) return /^\d+[.,]\d{1,2}$/.test(body) ? ambiguous(text, decimal) : invalid(text);
  const fraction = m[1] ?? '';
  const whole = (m[1] === undefined ? body : body.slice(0, body.length - fraction.length - 1)).replace(
    /\D/g,
    '',
  );
  return whole === '' && fraction === '' ? invalid(text) : [whole, fraction];
}

function fromCents(text: string, [whole, fraction]: Parts, scale: number): Parts | NormalizeResult {
  if (/[^0]/.test(fraction)) {
    return fail('MONEY_INVALID', 'The column holds minor units (cents) but the amount has a fraction.', {
      received: describeShape(text),
      expected: 'an integer number of cents',
    });
  }
  const padded = whole.padStart(scale + 1, '0');
  return [padded.slice(0, padded.length - scale), padded.slice(padded.length - scale)];
}

function render([whole, fraction]: Parts, negative: boolean, scale: number): string {
  const integer = whole.replace(/^0+(?=\d)/, '') || '0';
  const digits = fraction.slice(0, scale).padEnd(scale, '0');
  const zero = integer === '0' && !/[1-9]/.test(digits);
  const sign = negative && !zero ? '-' : '';
  return scale === 0 ? `${sign}${integer}` : `${sign}${integer}.${digits}`;
}

function finish(
  text: string,
  parts: Parts,
  negative: boolean,
  options: NormalizeMoneyOptions,
): NormalizeResult {
  const scale = options.maxDecimals ?? 2;
  if (/[1-9]/.test(parts[1].slice(scale))) {
    return fail('MONEY_TOO_PRECISE', `The amount has more than ${scale} decimals that are not zeros.`, {
      received: describeShape(text),
    });
  }
  if (parts[0].replace(/^0+/, '').length > (options.maxIntegerDigits ?? 9)) {
    return fail('MONEY_TOO_LARGE', 'The amount has too many digits before the decimal point.', {
      received: describeShape(text),
    });
  }
  const value = render(parts, negative && options.negative !== 'absolute', scale);
  if (value.startsWith('-') && options.negative !== 'allow') {
    return fail('MONEY_NEGATIVE', 'The amount is negative; this column takes only positive amounts.', {
      received: 'negative amount',
    });
  }
  return ok(value);
}

/**
 * Normalize an amount to a fixed-decimal string: `$1,234.50` → `1234.50`, `€49,95` (decimal
 * ',') → `49.95`, `(12.00)` → `-12.00` (if negatives are allowed), `1999` (cents) → `19.99`.
 * Empty → ''.
 */
export function normalizeMoney(raw: string, options: NormalizeMoneyOptions = {}): NormalizeResult {
  const text = raw.length > 128 ? raw.slice(0, 129) : raw.trim();
  if (text === '') return ok('');
  if (text.length > 64) return invalid(text);
  const peeled = peel(text);
  if (peeled === null) return invalid(text);
  const scale = options.maxDecimals ?? 2;
  if (!Number.isInteger(scale) || scale < 0 || scale > 6) return invalid(text);
  if (options.undecided === true && vote(peeled.body) === '?')
    return fail(
      'MONEY_AMBIGUOUS_SEPARATOR',
      "The amount reads as a thousands group or as three decimals, and no value of the column decides which; set decimal: '.' or ',' for the column.",
      { received: describeShape(text), expected: "an amount with two decimals, or decimal: '.' or ','" },
    );
  const parts = split(text, peeled.body, options.decimal ?? '.');
  if (isProblem(parts)) return parts;
  const scaled = options.cents === true ? fromCents(text, parts, scale) : parts;
  if (isProblem(scaled)) return scaled;
  return finish(text, scaled, peeled.negative, options);
}

/** What {@link inferDecimalSeparator} concluded about a column. */
export interface DecimalInference {
  readonly separator: '.' | ',' | null;
  readonly ambiguous: boolean;
  readonly evidence: string;
  /** Values that prove '.' (for example `12.50`, `1,234.50`). */
  readonly dotProof: number;
  /** Values that prove ',' (for example `49,95`, `1.234,50`). */
  readonly commaProof: number;
  /** Values such as `1,234` or `1.234` that fit both readings. */
  readonly undecided: number;
}

/** A column observer: call `observe` for every row, then `result` once. */
export interface DecimalInferenceCollector {
  /** `row`: the source row number evidence names (default: the count of values observed). */
  observe(raw: string, row?: number): void;
  result(): DecimalInference;
}

type Vote = '.' | ',' | '?' | '';

const GROUPS_RE = /^\d{1,3}(?:[.,]\d{3})+$/;

/** Which decimal separator one value proves: '.', ',', '?' (either) or '' (no separator). */
function vote(body: string): Vote {
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  if (lastDot < 0 && lastComma < 0) return '';
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? '.' : ',';
  const sep = lastDot >= 0 ? '.' : ',';
  const other = sep === '.' ? ',' : '.';
  const count = body.split(sep).length - 1;
  if (count > 1) return GROUPS_RE.test(body) ? other : '';
  const after = body.length - body.lastIndexOf(sep) - 1;
  return after === 3 && GROUPS_RE.test(body) ? '?' : sep;
}

interface DecimalState {
  rows: number;
  dot: number;
  comma: number;
  undecided: number;
  firstDotRow: number;
  firstCommaRow: number;
  /** The previous value and its vote: a column's amounts repeat, often row after row. */
  lastRaw: string | null;
  lastVote: Vote;
}

/** The vote of one raw value ('' when it proves nothing). */
function voteOf(raw: string): Vote {
  const text = raw.trim();
  if (text === '' || text.length > 64) return '';
  const peeled = peel(text);
  if (peeled === null || !/^[\d.,]+$/.test(peeled.body)) return '';
  return vote(peeled.body);
}

function observeDecimal(state: DecimalState, raw: string, row: number | undefined): void {
  state.rows++;
  const at = row ?? state.rows;
  let v = state.lastVote;
  if (raw !== state.lastRaw) {
    v = voteOf(raw);
    state.lastRaw = raw;
    state.lastVote = v;
  }
  if (v === '?') state.undecided++;
  else if (v === '.') {
    state.dot++;
    if (state.firstDotRow === 0) state.firstDotRow = at;
  } else if (v === ',') {
    state.comma++;
    if (state.firstCommaRow === 0) state.firstCommaRow = at;
  }
}

function decimalEvidence(
  state: DecimalState,
): Omit<DecimalInference, 'dotProof' | 'commaProof' | 'undecided'> {
  const dot = `${state.dot} values prove '.' (first at row ${state.firstDotRow})`;
  const comma = `${state.comma} values prove ',' (first at row ${state.firstCommaRow})`;
  if (state.dot > 0 && state.comma > 0)
    return { separator: null, ambiguous: true, evidence: `conflict: ${dot}, but ${comma}` };
  if (state.dot > 0) return { separator: '.', ambiguous: false, evidence: dot };
  if (state.comma > 0) return { separator: ',', ambiguous: false, evidence: comma };
  if (state.undecided > 0) {
    return {
      separator: null,
      ambiguous: true,
      evidence: `${state.undecided} values such as 1,234 fit both readings and none decides`,
    };
  }
  return {
    separator: '.',
    ambiguous: false,
    evidence: "no value has a separator; '.' assumed (it changes nothing)",
  };
}

/** Start inferring one money column's decimal separator from all its values. */
export function inferDecimalSeparator(): DecimalInferenceCollector {
  const state: DecimalState = {
    rows: 0,
    dot: 0,
    comma: 0,
    undecided: 0,
    firstDotRow: 0,
    firstCommaRow: 0,
    lastRaw: null,
    lastVote: '',
  };
  return {
    observe: (raw, row) => observeDecimal(state, raw, row),
    result: () => ({
      ...decimalEvidence(state),
      dotProof: state.dot,
      commaProof: state.comma,
      undecided: state.undecided,
    }),
  };
}
