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
  /**
   * The ISO 4217 code the column's amounts are in (the currency of the CRM campaign and MID they
   * are imported into): a currency marker on a value (`€`, `£`, `GBP`, `US$`) must fit it, or the
   * value is MONEY_CURRENCY_MISMATCH (`$` fits every dollar, `¥` JPY and CNY). `any`: markers of
   * any currency are removed unchecked (a column of several currencies, each row's MID chosen by
   * its currency), but two markers on one amount must fit one currency (`$10 C$` does, `€10 $`
   * does not). Default: USD (a `$`, `US$` or `USD` fits; `€29.95` does not).
   */
  readonly currency?: string;
}

interface SignedText {
  readonly body: string;
  readonly negative: boolean;
  /** The currency markers around the number (`$`, `€`, `USD`), when it has any. */
  readonly markers?: readonly string[];
}

/** Active ISO 4217 codes: a 3-letter marker is a currency only when it is one of these. */
const ISO_CODES: ReadonlySet<string> = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP ' +
    'BYN BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP ' +
    'GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES ' +
    'KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR ' +
    'MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB ' +
    'RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY ' +
    'TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL'
  ).split(' '),
);

/** Whether `code` is an active ISO 4217 currency code (upper case). */
export function isCurrencyCode(code: string): boolean {
  return ISO_CODES.has(code);
}

/** The currencies a symbol is written for: `$` alone does not tell USD from CAD. */
const SYMBOL_CURRENCIES: Readonly<Record<string, string>> = {
  $: 'USD CAD AUD NZD HKD SGD MXN TWD ARS CLP COP CUP DOP UYU BSD BBD BZD BMD BND FJD GYD JMD KYD LRD NAD SBD SRD TTD XCD',
  '€': 'EUR',
  '£': 'GBP EGP FKP GIP SHP',
  '¥': 'JPY CNY',
};

/**
 * `US$9.90`, `C$12`, `R$5`, `TT$20`: the letters before a `$` (upper case here) name the currency.
 * A prefix not listed fits a currency whose ISO code starts with it; a whole code (`USD$`) is that
 * code.
 */
const DOLLAR_PREFIXES: Readonly<Record<string, string>> = {
  US: 'USD',
  C: 'CAD NIO',
  CA: 'CAD',
  A: 'AUD',
  AU: 'AUD',
  NZ: 'NZD',
  HK: 'HKD',
  S: 'SGD',
  SG: 'SGD',
  MX: 'MXN',
  NT: 'TWD',
  R: 'BRL',
  AR: 'ARS',
  RD: 'DOP',
  J: 'JMD',
  TT: 'TTD',
  BZ: 'BZD',
  BD: 'BMD',
  EC: 'XCD',
  FJ: 'FJD',
  N: 'NAD',
  L: 'LRD',
  SI: 'SBD',
  Z: 'ZWL',
  CUC: 'CUC',
  B: 'BSD BND',
  U: 'USD',
  MEX: 'MXN',
  COL: 'COP',
  BDS: 'BBD',
  CI: 'KYD',
  G: 'GYD',
  T: 'TOP',
  WS: 'WST',
};

/** The symbol a character code is (`$`, `€`, `£`, `¥`), or ''. */
function symbolOf(code: number): string {
  switch (code) {
    case 0x24:
      return '$';
    case 0x20ac:
      return '€';
    case 0xa3:
      return '£';
    case 0xa5:
      return '¥';
    default:
      return '';
  }
}

function isLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}

/** Whether `text` has exactly two letters at `at` (no letter right after them). */
function twoLettersAt(text: string, at: number): boolean {
  return (
    isLetter(text.charCodeAt(at)) && isLetter(text.charCodeAt(at + 1)) && !isLetter(text.charCodeAt(at + 2))
  );
}

/** A currency marker cut off one end of an amount: an ISO code or a symbol, and what is left. */
interface Cut {
  readonly marker: string;
  readonly rest: string;
}

/**
 * The marker at the head of `body` (`$`, `€ `, `USD `, `usd`, `US$`, `TT$`): undefined when there
 * is none (the number check decides), null for more than 3 letters before a `$` (`ABCD$12`).
 */
function cutHead(body: string): Cut | null | undefined {
  const first = body.charCodeAt(0);
  const symbol = symbolOf(first);
  if (symbol !== '') {
    // `$US 5`, `$CA5` (French usage): the two letters after the `$` name the dollar, as in `US$`
    if (first === 0x24 && twoLettersAt(body, 1))
      return { marker: `${body.slice(1, 3)}$`, rest: body.slice(3).trimStart() };
    return { marker: symbol, rest: body.slice(1).trimStart() };
  }
  if (!isLetter(first)) return undefined;
  let n = 1;
  while (n < 4 && isLetter(body.charCodeAt(n))) n++;
  // US$, C$, TT$, Bds$ … or a whole code (USD$): the marker is the prefix with its `$`, as written
  if (body.charCodeAt(n) === 0x24)
    return n === 4 ? null : { marker: body.slice(0, n + 1), rest: body.slice(n + 1).trimStart() };
  if (n !== 3) return undefined;
  const code = body.slice(0, 3).toUpperCase();
  return ISO_CODES.has(code) ? { marker: code, rest: body.slice(3).trimStart() } : undefined;
}

/**
 * The marker at the tail of `body` (`12 €`, `12.00 USD`, `10.00 US$`, `29.95 C$`), or undefined. A
 * dollar prefix reads as at the head; more than 3 letters before a `$` (`12 ABCD$`) cut only the
 * `$`, and the letters left make the number invalid.
 */
function cutTail(body: string): Cut | undefined {
  const end = body.length - 1;
  const last = body.charCodeAt(end);
  // `5 $US`, `29,95 $ CA` (French and Québec usage): a `$` then two letters, as `US$`, `CA$`
  if (end >= 2 && twoLettersAt(body, end - 1)) {
    const dollar = body.charCodeAt(end - 2) === 32 ? end - 3 : end - 2;
    if (body.charCodeAt(dollar) === 0x24)
      return { marker: `${body.slice(end - 1)}$`, rest: body.slice(0, dollar).trimEnd() };
  }
  if (last === 0x24) {
    let start = end;
    while (start > 0 && end - start < 4 && isLetter(body.charCodeAt(start - 1))) start--;
    const letters = end - start;
    const from = letters >= 1 && letters <= 3 ? start : end;
    return { marker: body.slice(from), rest: body.slice(0, from).trimEnd() };
  }
  const symbol = symbolOf(last);
  if (symbol !== '') return { marker: symbol, rest: body.slice(0, end).trimEnd() };
  if (!isLetter(last) || !isLetter(body.charCodeAt(end - 1)) || !isLetter(body.charCodeAt(end - 2)))
    return undefined;
  if (end >= 3 && isLetter(body.charCodeAt(end - 3))) return undefined;
  const code = body.slice(end - 2).toUpperCase();
  return ISO_CODES.has(code) ? { marker: code, rest: body.slice(0, end - 2).trimEnd() } : undefined;
}

const DOT_NUMBER_RE = /^(?:[1-9]\d{0,2}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;
const COMMA_NUMBER_RE = /^(?:[1-9]\d{0,2}(?:[. \u00a0\u202f]\d{3})+|\d*)(?:,(\d*))?$/;

function invalid(text: string): NormalizeResult {
  return fail('MONEY_INVALID', 'Not a money amount.', {
    received: describeShape(text),
    expected: 'an amount such as 1234.50',
  });
}

/** The markers seen so far plus one (allocated only for the rare value that has a marker). */
function withMarker(markers: readonly string[] | undefined, marker: string): readonly string[] {
  return markers === undefined ? [marker] : [...markers, marker];
}

/** Cut the currency markers off both ends of `body`; null for more than 3 letters before a `$`. */
function cutMarkers(body: string, markers: readonly string[] | undefined): SignedText | null {
  const head = cutHead(body);
  if (head === null) return null;
  const afterHead = head === undefined ? body : head.rest;
  const headMarkers = head === undefined ? markers : withMarker(markers, head.marker);
  const tail = afterHead === '' ? undefined : cutTail(afterHead);
  if (tail === undefined) {
    return headMarkers === undefined
      ? { body: afterHead, negative: false }
      : { body: afterHead, negative: false, markers: headMarkers };
  }
  return { body: tail.rest, negative: false, markers: withMarker(headMarkers, tail.marker) };
}

/** Peel accounting parentheses, signs and currency symbols or codes off the number. */
function peel(text: string): SignedText | null {
  let body = text;
  let negative = false;
  let markers: readonly string[] | undefined;
  if (body.charCodeAt(0) === 40 && body.charCodeAt(body.length - 1) === 41) {
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
    const cut = cutMarkers(body, markers);
    if (cut === null) return null;
    if (cut.body === body && sign === '') break;
    body = cut.body;
    markers = cut.markers;
  }
  return markers === undefined ? { body, negative } : { body, negative, markers };
}

/** Whether `marker` is letters glued to a `$` (`US$`, `tt$`, `Bds$`). */
function isDollarPrefix(marker: string): boolean {
  return marker.length > 1 && marker.charCodeAt(marker.length - 1) === 0x24;
}

/**
 * The currency a marker names: a code itself, a listed dollar prefix's currency (`R$` → BRL), a
 * whole code before a `$` (`USD$` → USD); a symbol or an unlisted prefix as it is (upper case).
 */
function markerCurrency(marker: string): string {
  if (!isDollarPrefix(marker)) return marker;
  const prefix = marker.slice(0, -1).toUpperCase();
  return DOLLAR_PREFIXES[prefix] ?? (ISO_CODES.has(prefix) ? prefix : `${prefix}$`);
}

/**
 * Whether a marker (an ISO code, a symbol, a dollar prefix or what {@link markerCurrency} made of
 * it) can stand for `currency`: an unlisted prefix of two or three letters fits a currency whose
 * code starts with it.
 */
function marks(marker: string, currency: string): boolean {
  const named = markerCurrency(marker);
  // an unlisted prefix of two or three letters (a one-letter one, `E$`, would fit EUR)
  if (isDollarPrefix(named)) return named.length > 2 && currency.startsWith(named.slice(0, -1));
  if (named.length === 3) return named === currency;
  // a listed prefix of several currencies (`C$`: CAD or NIO)
  if (named.charCodeAt(3) === 32) return named.split(' ').includes(currency);
  return SYMBOL_CURRENCIES[named]?.includes(currency) === true;
}

/**
 * Whether two markers can both stand for one currency (`$` and `C$`: CAD), the test of a column
 * of that currency; only for a value with two markers, so a walk of the codes is no cost.
 */
function fitOneCurrency(first: string, second: string): boolean {
  for (const code of ISO_CODES) if (marks(first, code) && marks(second, code)) return true;
  return false;
}

/** A marker as a message names it: `R$ (BRL)` for a listed prefix, else as written. */
function markerName(marker: string): string {
  const named = markerCurrency(marker);
  return isDollarPrefix(marker) && !isDollarPrefix(named)
    ? `${marker} (${named.replaceAll(' ', ' or ')})`
    : marker;
}

/**
 * A problem when the amount is marked with a currency the column is not in (`€29.95` in a USD
 * column, `$5` in a EUR one), or with two currencies that disagree (`€12 USD`); null when its
 * markers fit.
 */
function currencyProblem(
  text: string,
  markers: readonly string[],
  declared: string | undefined,
): NormalizeResult | null {
  const currency = declared === undefined ? 'USD' : declared.toUpperCase();
  const [first = '', second] = markers;
  const a = markerCurrency(first);
  const b = second === undefined ? '' : markerCurrency(second);
  // two markers that both fit the declared currency agree (`$10 C$` in a CAD column); with any,
  // two that both fit one currency (`$10 C$`: CAD), as they would in a column of that currency
  const bothFit =
    second !== undefined &&
    (currency === 'ANY' ? fitOneCurrency(first, second) : marks(first, currency) && marks(second, currency));
  if (second !== undefined && !bothFit && !marks(a, b) && !marks(b, a) && a !== b) {
    return fail(
      'MONEY_CURRENCY_MISMATCH',
      `The amount is marked with two currencies (${markerName(first)} and ${markerName(second)}).`,
      {
        received: describeShape(text),
        expected: currency === 'ANY' ? 'an amount with one currency' : `an amount in ${currency}`,
      },
    );
  }
  if (currency === 'ANY') return null;
  for (const marker of markers) {
    if (marks(marker, currency)) continue;
    const assumed =
      declared === undefined
        ? " No currency is declared, so USD is assumed: if the amounts are in another currency, set target.currency (or the column's currency)."
        : '';
    return fail(
      'MONEY_CURRENCY_MISMATCH',
      `The amount is marked ${markerName(marker)}, but the column's amounts are in ${currency}: the file holds no currency, so it would be imported as ${currency}.${assumed}`,
      { received: describeShape(text), expected: `an amount in ${currency}` },
    );
  }
  return null;
}

function ambiguous(text: string, decimal: '.' | ','): NormalizeResult {
  const other = decimal === '.' ? ',' : '.';
  return fail(
    'MONEY_AMBIGUOUS_SEPARATOR',
    `The amount uses '${other}' before 1–3 digits, but the column's decimal separator is '${decimal}'.`,
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
  if (m === null) return /^\d+[.,]\d{1,3}$/.test(body) ? ambiguous(text, decimal) : invalid(text);
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
 * ',', currency EUR) → `49.95`, `(12.00)` → `-12.00` (if negatives are allowed), `1999` (cents) →
 * `19.99`. A currency marker other than the column's currency is MONEY_CURRENCY_MISMATCH. Empty →
 * ''.
 */
export function normalizeMoney(raw: string, options: NormalizeMoneyOptions = {}): NormalizeResult {
  const text = raw.length > 128 ? raw.slice(0, 129) : raw.trim();
  if (text === '') return ok('');
  if (text.length > 64) return invalid(text);
  const peeled = peel(text);
  if (peeled === null) return invalid(text);
  // a euro amount in a dollar column is wrong however its digits read
  if (peeled.markers !== undefined && peeled.body !== '') {
    const problem = currencyProblem(text, peeled.markers, options.currency);
    if (problem !== null) return problem;
  }
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

/**
 * Whether `raw` is an amount with a currency marker as {@link normalizeMoney} reads one (`$12.00`,
 * `US$ 10.00`, `C$5`, `10.00 US$`, `$US 5`, `29,95 $ CA`, `(€1.234,50)`): the same markers and
 * number shapes, whatever its currency, decimal separator, sign or size (a value the normalizer
 * would refuse for its currency or its digits is still marked money). For a profile's guess of
 * what a column holds.
 */
export function isMarkedAmount(raw: string): boolean {
  const text = raw.trim();
  if (text === '' || text.length > 64) return false;
  const peeled = peel(text);
  if (peeled?.markers === undefined || !/\d/.test(peeled.body)) return false;
  return DOT_NUMBER_RE.test(peeled.body) || COMMA_NUMBER_RE.test(peeled.body);
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

/** Thousands groups: the first holds 1–3 digits and no leading zero (`0.500` is no group of 500). */
const GROUPS_RE = /^[1-9]\d{0,2}(?:[.,]\d{3})+$/;

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
