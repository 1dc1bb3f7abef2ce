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
  return text.length <= 19 && text.charCodeAt(0) === 48 && ZERO_RE.test(text);
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
  return { ...tokens(shape, a, 0, 0, 4, null), fraction };
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

/** Build tokens with one fixed object shape (spreads would make V8 objects slow). */
function tokens(
  shape: DateShape,
  a: number,
  b: number,
  c: number,
  yearDigits: number,
  time: FastTime | null,
): DateTokens {
  return {
    shape,
    a,
    b,
    c,
    yearDigits,
    hasTime: time !== null,
    hour: time === null ? 0 : time[0],
    minute: time === null ? 0 : time[1],
    second: time === null ? 0 : time[2],
    meridiem: time === null ? '' : time[3],
    zone: '',
    fraction: '',
  };
}

/** Scanner state for {@link fastLex}: the position and the last run of digits read. */
interface Cursor {
  pos: number;
  value: number;
  digits: number;
}

function readDigits(text: string, cur: Cursor, max: number): boolean {
  let value = 0;
  let n = 0;
  while (n < max && cur.pos < text.length) {
    const c = text.charCodeAt(cur.pos) - 48;
    if (c < 0 || c > 9) break;
    value = value * 10 + c;
    cur.pos++;
    n++;
  }
  cur.value = value;
  cur.digits = n;
  return n > 0;
}

function readMeridiem(text: string, cur: Cursor): string | null {
  if (cur.pos < text.length && text.charCodeAt(cur.pos) === 32) cur.pos++;
  if (cur.pos + 2 !== text.length) return null;
  // by character code: a one-character string and its upper case per value cost more than the rest
  const m = text.charCodeAt(cur.pos);
  const suffix = text.charCodeAt(cur.pos + 1);
  if (suffix !== 77 && suffix !== 109) return null;
  return m === 65 || m === 97 ? 'A' : m === 80 || m === 112 ? 'P' : null;
}

/** Time part `H:MM[:SS][ AM|PM]` to the end of the text, or null when anything else follows. */
type FastTime = [hour: number, minute: number, second: number, meridiem: string];

function fastTime(text: string, cur: Cursor): FastTime | null {
  if (!readDigits(text, cur, 2) || text.charCodeAt(cur.pos) !== 58) return null;
  const hour = cur.value;
  cur.pos++;
  if (!readDigits(text, cur, 2) || cur.digits !== 2) return null;
  const minute = cur.value;
  let second = 0;
  if (text.charCodeAt(cur.pos) === 58) {
    cur.pos++;
    if (!readDigits(text, cur, 2) || cur.digits !== 2) return null;
    second = cur.value;
  }
  if (cur.pos === text.length) return [hour, minute, second, ''];
  const meridiem = readMeridiem(text, cur);
  return meridiem === null ? null : [hour, minute, second, meridiem];
}

/**
 * Hand-written scanner for the two commonest shapes (`YYYY-MM-DD[ HH:MM[:SS]]` and
 * `M/D/YYYY[ H:MM[:SS][ AM]]`), four times faster than the regexes. Returns undefined for
 * anything else (zones, fractions, names), which then goes to the regexes.
 */
function fastLex(text: string): DateTokens | null | undefined {
  const cur: Cursor = { pos: 0, value: 0, digits: 0 };
  if (!readDigits(text, cur, 4)) return undefined;
  const a = cur.value;
  const aDigits = cur.digits;
  const sep = text.charCodeAt(cur.pos);
  if (aDigits === 3 || (sep !== 45 && sep !== 47 && sep !== 46)) return undefined;
  cur.pos++;
  if (!readDigits(text, cur, 2) || text.charCodeAt(cur.pos) !== sep) return undefined;
  const b = cur.value;
  cur.pos++;
  if (
    !readDigits(text, cur, aDigits === 4 ? 2 : 4) ||
    (aDigits !== 4 && cur.digits !== 2 && cur.digits !== 4)
  )
    return undefined;
  const c = cur.value;
  const shape: DateShape = aDigits === 4 ? 'ISO' : 'NUMERIC';
  const yearDigits = aDigits === 4 ? 4 : cur.digits;
  if (cur.pos === text.length) return tokens(shape, a, b, c, yearDigits, null);
  const gap = text.charCodeAt(cur.pos);
  if (gap !== 32 && gap !== 84) return undefined;
  cur.pos++;
  const time = fastTime(text, cur);
  return time === null ? undefined : tokens(shape, a, b, c, yearDigits, time);
}

/** Lex a trimmed value into date tokens, or null when it has no known date shape. */
export function lexDate(text: string): DateTokens | null {
  if (text.length === 0 || text.length > MAX_DATE_LENGTH) return null;
  const fast = fastLex(text);
  if (fast !== undefined) return fast;
  const c4 = text.charCodeAt(4);
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
