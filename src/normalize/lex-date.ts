/**
 * The date lexer shared by the format inference and normalize-date: one value's shape (ISO,
 * compact, a/b/yyyy, day-month-name, month-name-day, Excel serial, Unix seconds) and its parts.
 * @module
 */

/** The date formats kmigrate can read. */
export type DateFormatId =
  | 'ISO'
  | 'YMD_COMPACT'
  | 'MDY'
  | 'DMY'
  | 'DMON'
  | 'MON_D_Y'
  | 'EXCEL_SERIAL'
  | 'UNIX';

/** The shape of one value; `NUMERIC` is `a/b/yyyy`, month-first or day-first. */
export type DateShape = Exclude<DateFormatId, 'MDY' | 'DMY'> | 'NUMERIC';

/**
 * One lexed value. Fields by shape: ISO/YMD_COMPACT a=year b=month c=day; NUMERIC a=first
 * b=second c=year; DMON a=day b=month c=year; MON_D_Y a=month b=day c=year; EXCEL_SERIAL
 * a=whole days, fraction = digits after the point; UNIX a=seconds.
 */
export interface DateTokens {
  readonly shape: DateShape;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly yearDigits: number;
  readonly hasTime: boolean;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 'A' or 'P' when the time has AM/PM, else ''. */
  readonly meridiem: string;
  /** Zone token as written (`PDT`, `Z`, `+02:00`), or ''. */
  readonly zone: string;
  readonly fraction: string;
}

/** Longer text is not a date. */
export const MAX_DATE_LENGTH = 64;
const TIME = String.raw`(?:(?:\s{1,3}|T|,\s?)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s?([AaPp])\.?[Mm]\.?(?![A-Za-z]))?)?`;
const ZONE = String.raw`(?:\s?(Z|[+-]\d{2}(?::?\d{2})?|(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{2,5}|[A-Za-z]{2,14}(?:\/[A-Za-z_-]{2,30}){1,2}))?`;
const ISO_RE = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}${ZONE}$`);
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2}))?(Z)?$/;
const NUMERIC_RE = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})${TIME}${ZONE}$`);
const DMON_RE = new RegExp(
  String.raw`^(\d{1,2})[-\s]([A-Za-z]{3,9})\.?[-\s,]{1,2}(\d{4}|\d{2})${TIME}${ZONE}$`,
);
const MON_D_Y_RE = new RegExp(
  String.raw`^([A-Za-z]{3,9})\.?\s(\d{1,2})(?:st|nd|rd|th)?,?\s(\d{4})${TIME}${ZONE}$`,
);
const EXCEL_RE = /^(\d{1,7})(?:\.(\d{1,15}))?$/;
const UNIX_RE = /^\d{10}$/;
const ZERO_RE = /^(?:0{1,14}|0000-00-00(?:[ T]00:00(?::00)?)?|00\/00\/0000)$/;
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Month number 1–12 from `Aug`, `August`, `Sept`; 0 when not a month name. */
export function monthFromName(name: string): number {
  const lower = name.toLowerCase();
  const index = MONTHS.findIndex((full) => full.startsWith(lower.slice(0, 3)));
  if (index < 0) return 0;
  return lower.length === 3 || MONTHS[index]?.startsWith(lower) === true || lower === 'sept' ? index + 1 : 0;
}

/** True for the "no date" placeholders `0`, `0000-00-00`, `0000-00-00 00:00:00`. */
export function isZeroDate(text: string): boolean {
  // every placeholder starts with '0': other values skip the regex
  return text.length <= 19 && codeAt(text, 0) === 48 && ZERO_RE.test(text);
}

function num(text: string | undefined): number {
  return text === undefined ? 0 : Number(text);
}

function fromMatch(
  shape: DateShape,
  m: RegExpExecArray,
  a: number,
  b: number,
  c: number,
  t: number,
): DateTokens {
  const year = shape === 'ISO' ? m[1] : shape === 'MON_D_Y' || shape === 'DMON' ? m[3] : m[4];
  return {
    shape,
    a,
    b,
    c,
    yearDigits: year === undefined ? 4 : year.length,
    hasTime: m[t] !== undefined,
    hour: num(m[t]),
    minute: num(m[t + 1]),
    second: num(m[t + 2]),
    fraction: m[t + 3] ?? '',
    meridiem: (m[t + 4] ?? '').toUpperCase(),
    zone: m[t + 5] ?? '',
  };
}

function plain(shape: DateShape, a: number, fraction: string): DateTokens {
  return { ...tokens(shape, a, 0, 0, 4), fraction };
}

function lexCompact(text: string): DateTokens | null {
  const m = COMPACT_RE.exec(text);
  if (m === null) return null;
  return {
    shape: 'YMD_COMPACT',
    a: num(m[1]),
    b: num(m[2]),
    c: num(m[3]),
    yearDigits: 4,
    hasTime: m[4] !== undefined,
    hour: num(m[4]),
    minute: num(m[5]),
    second: num(m[6]),
    fraction: '',
    meridiem: '',
    zone: m[7] ?? '',
  };
}

function lexNumberLike(text: string): DateTokens | null {
  if (UNIX_RE.test(text)) return plain('UNIX', Number(text), '');
  if (text.length === 8 || text.length === 14 || text.length === 15 || text.endsWith('Z')) {
    const compact = lexCompact(text);
    if (compact !== null) return compact;
  }
  const excel = EXCEL_RE.exec(text);
  return excel === null ? null : plain('EXCEL_SERIAL', num(excel[1]), excel[2] ?? '');
}

function lexWords(text: string): DateTokens | null {
  let m = DMON_RE.exec(text);
  if (m !== null) {
    const month = monthFromName(m[2] ?? '');
    return month === 0 ? null : fromMatch('DMON', m, num(m[1]), month, num(m[3]), 4);
  }
  m = MON_D_Y_RE.exec(text);
  if (m === null) return null;
  const month = monthFromName(m[1] ?? '');
  return month === 0 ? null : fromMatch('MON_D_Y', m, month, num(m[2]), num(m[3]), 4);
}

/** Build tokens of a value without a time, with one fixed object shape (spreads would make V8 objects slow). */
function tokens(shape: DateShape, a: number, b: number, c: number, yearDigits: number): DateTokens {
  return {
    shape,
    a,
    b,
    c,
    yearDigits,
    hasTime: false,
    hour: 0,
    minute: 0,
    second: 0,
    meridiem: '',
    zone: '',
    fraction: '',
  };
}

/** Tokens of a value with a time of day (same fixed object shape as {@link tokens}). */
function timeTokens(
  shape: DateShape,
  a: number,
  b: number,
  c: number,
  yearDigits: number,
  hour: number,
  minute: number,
  second: number,
  meridiem: string,
): DateTokens {
  return {
    shape,
    a,
    b,
    c,
    yearDigits,
    hasTime: true,
    hour,
    minute,
    second,
    meridiem,
    zone: '',
    fraction: '',
  };
}

/**
 * The code unit at `i`, or -1 past the end. Never read a string out of bounds in a hot function:
 * one such read deoptimizes it, and V8 then calls the generic `charCodeAt` for every read.
 */
function codeAt(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) : -1;
}

/**
 * The parts of one value of the two commonest shapes, filled by {@link scanCommonDate}: one object
 * reused from value to value, so that reading a distinct timestamp on every row allocates nothing
 * (the format inference and the date normalizers each keep their own).
 */
export class DateScan implements DateTokens {
  shape: DateShape = 'ISO';
  a = 0;
  b = 0;
  c = 0;
  yearDigits = 4;
  hasTime = false;
  hour = 0;
  minute = 0;
  second = 0;
  meridiem = '';
  readonly zone = '';
  readonly fraction = '';
}

/**
 * Hand-written scanner for the two commonest shapes (`YYYY-MM-DD[ HH:MM[:SS]]` and
 * `M/D/YYYY[ H:MM[:SS][ AM]]`), four times faster than the regexes: fills `into` and returns
 * true, or returns false for anything else (zones, fractions, names), which then goes to the
 * regexes. One position and plain locals (no cursor object).
 */
export function scanCommonDate(text: string, into: DateScan): boolean {
  // every read is guarded by `n` and digits are tested inline: helper calls per character cost a
  // third of the scan
  const n = text.length;
  let pos = 0;
  let ch = 0;
  let a = 0;
  while (pos < n && pos < 4) {
    ch = text.charCodeAt(pos) - 48;
    if (ch < 0 || ch > 9) break;
    a = a * 10 + ch;
    pos++;
  }
  const aDigits = pos;
  if (aDigits === 0 || aDigits === 3 || pos >= n) return false;
  const sep = text.charCodeAt(pos);
  if (sep !== 45 && sep !== 47 && sep !== 46) return false;
  let from = ++pos;
  let b = 0;
  while (pos < n && pos - from < 2) {
    ch = text.charCodeAt(pos) - 48;
    if (ch < 0 || ch > 9) break;
    b = b * 10 + ch;
    pos++;
  }
  if (pos === from || pos >= n || text.charCodeAt(pos) !== sep) return false;
  from = ++pos;
  const cMax = aDigits === 4 ? 2 : 4;
  let c = 0;
  while (pos < n && pos - from < cMax) {
    ch = text.charCodeAt(pos) - 48;
    if (ch < 0 || ch > 9) break;
    c = c * 10 + ch;
    pos++;
  }
  const cDigits = pos - from;
  if (cDigits === 0 || (aDigits !== 4 && cDigits !== 2 && cDigits !== 4)) return false;
  into.shape = aDigits === 4 ? 'ISO' : 'NUMERIC';
  into.a = a;
  into.b = b;
  into.c = c;
  into.yearDigits = aDigits === 4 ? 4 : cDigits;
  into.hasTime = false;
  into.hour = 0;
  into.minute = 0;
  into.second = 0;
  into.meridiem = '';
  if (pos === n) return true;
  const gap = text.charCodeAt(pos);
  if (gap !== 32 && gap !== 84) return false;
  return scanTime(text, pos + 1, into);
}

/** Fill the time `H:MM[:SS][ AM|PM]` that starts at `pos` and runs to the end into `into`; false if it is none. */
function scanTime(text: string, start: number, into: DateScan): boolean {
  const n = text.length;
  let pos = start;
  let from = pos;
  let ch = 0;
  let hour = 0;
  while (pos < n && pos - from < 2) {
    ch = text.charCodeAt(pos) - 48;
    if (ch < 0 || ch > 9) break;
    hour = hour * 10 + ch;
    pos++;
  }
  if (pos === from || pos >= n || text.charCodeAt(pos) !== 58) return false;
  from = ++pos;
  let minute = 0;
  while (pos < n && pos - from < 2) {
    ch = text.charCodeAt(pos) - 48;
    if (ch < 0 || ch > 9) break;
    minute = minute * 10 + ch;
    pos++;
  }
  if (pos - from !== 2) return false;
  let second = 0;
  if (pos < n && text.charCodeAt(pos) === 58) {
    from = ++pos;
    while (pos < n && pos - from < 2) {
      ch = text.charCodeAt(pos) - 48;
      if (ch < 0 || ch > 9) break;
      second = second * 10 + ch;
      pos++;
    }
    if (pos - from !== 2) return false;
  }
  const meridiem = meridiemFrom(text, pos);
  if (meridiem === null) return false;
  into.hasTime = true;
  into.hour = hour;
  into.minute = minute;
  into.second = second;
  into.meridiem = meridiem;
  return true;
}

/** What follows a time at `pos`: nothing (''), ` AM`/`pm`… ('A', 'P'), or anything else (null). */
function meridiemFrom(text: string, start: number): string | null {
  const n = text.length;
  if (start === n) return '';
  const pos = text.charCodeAt(start) === 32 ? start + 1 : start;
  if (pos + 2 !== n) return null;
  // by character code: a one-character string and its upper case per value cost more than the rest
  const m = text.charCodeAt(pos);
  const suffix = text.charCodeAt(pos + 1);
  if (suffix !== 77 && suffix !== 109) return null;
  return m === 65 || m === 97 ? 'A' : m === 80 || m === 112 ? 'P' : null;
}

/** The scan {@link lexDate} reads into before it copies the parts into tokens of their own. */
const LEX_SCAN = new DateScan();

/** Lex a trimmed value into date tokens, or null when it has no known date shape. */
export function lexDate(text: string): DateTokens | null {
  if (text.length === 0 || text.length > MAX_DATE_LENGTH) return null;
  if (scanCommonDate(text, LEX_SCAN)) {
    const t = LEX_SCAN;
    return t.hasTime
      ? timeTokens(t.shape, t.a, t.b, t.c, t.yearDigits, t.hour, t.minute, t.second, t.meridiem)
      : tokens(t.shape, t.a, t.b, t.c, t.yearDigits);
  }
  const c4 = codeAt(text, 4);
  if (c4 === 45 || c4 === 47 || c4 === 46) {
    const m = ISO_RE.exec(text);
    if (m !== null) return fromMatch('ISO', m, num(m[1]), num(m[3]), num(m[4]), 5);
  }
  const m = NUMERIC_RE.exec(text);
  if (m !== null) return fromMatch('NUMERIC', m, num(m[1]), num(m[3]), num(m[4]), 5);
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57 && /^[\dTZ.]+$/.test(text)) return lexNumberLike(text);
  return lexWords(text);
}
