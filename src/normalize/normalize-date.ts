/**
 * Dates and date-times from any supported source format to Konnektive's `YYYY-MM-DD HH:MM:SS`
 * and `YYYY-MM-DD`. Pure and total; the column's format comes from {@link createDateInference}.
 * @module
 */
import { describeShape } from '../core/index.js';
import {
  type DateFormatId,
  DateScan,
  type DateTokens,
  isZeroDate,
  lexDate,
  MAX_DATE_LENGTH,
  scanCommonDate,
} from './lex-date.js';
import { fail, type NormalizeProblem, type NormalizeResult, ok, warn } from './result.js';
import {
  daysFromCivil,
  epochToWallClock,
  isValidTimeZone,
  parseZoneToken,
  resolveZonedWallClock,
  utcToZonedWallClock,
  type WallClock,
  type ZoneSpec,
} from './time-zone.js';
import { trimEnds } from './trim-ends.js';

/** Options for {@link normalizeDateTime} and {@link normalizeDate}. */
export interface NormalizeDateOptions {
  /** The column's format, from {@link createDateInference} or configuration. */
  readonly format: DateFormatId;
  /** IANA zone of values that carry no zone of their own. Default 'UTC'. */
  readonly sourceZone?: string;
  /** IANA zone to write. Default: the source zone (keep the wall clock). */
  readonly targetZone?: string;
  /** Read `0` and `0000-00-00[ 00:00:00]` as empty. Default true. */
  readonly zeroIsEmpty?: boolean;
  /** Reject self-describing values (ISO, `21-Aug-2022`, …) in a column of another format. Default false. */
  readonly strictFormat?: boolean;
}

interface ParsedDate {
  readonly wall: WallClock;
  readonly hasTime: boolean;
  /** The value's own zone (`PDT`, `Z`, `+02:00`), if it carried one. */
  readonly zone: ZoneSpec | null;
  /** Set for values that are instants already (UNIX seconds). */
  readonly epochMs: number | null;
}

const PAD = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
const EXCEL_EPOCH_DAYS = daysFromCivil(1899, 12, 30);
const DAY_MS = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * `YYYY-MM-DD` by civil day, kept for the days met (a column's dates fall on few days beside its
 * values: a distinct timestamp per row is one string concatenation, not ten). Bounded.
 */
const DAY_TEXT = new Map<number, string>();
const DAY_TEXT_LIMIT = 50_000;
/** ` HH:MM:` by minute of the day. */
const MINUTE_TEXT = Array.from({ length: 1440 }, (_, i) => ` ${PAD[Math.floor(i / 60)]}:${PAD[i % 60]}:`);

function formatDate(w: WallClock): string {
  const key = w.year * 512 + w.month * 32 + w.day;
  let text = DAY_TEXT.get(key);
  if (text === undefined) {
    if (DAY_TEXT.size >= DAY_TEXT_LIMIT) DAY_TEXT.clear();
    text = `${w.year}-${PAD[w.month]}-${PAD[w.day]}`;
    DAY_TEXT.set(key, text);
  }
  return text;
}

function formatDateTime(w: WallClock): string {
  return formatDate(w) + MINUTE_TEXT[w.hour * 60 + w.minute] + PAD[w.second];
}

function invalid<T>(text: string, why: string): NormalizeResult<T> {
  return fail('DATE_INVALID', `Not a valid date: ${why}.`, { received: describeShape(text) });
}

function mismatch<T>(text: string, format: DateFormatId, why: string): NormalizeResult<T> {
  const message = `The value does not fit the column's date format ${format}: ${why}.`;
  return fail('DATE_FORMAT_MISMATCH', message, { received: describeShape(text), expected: format });
}

function fullYear(year: number, digits: number): number {
  if (digits !== 2) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

function hour24(tokens: DateTokens): number {
  if (tokens.meridiem === '') return tokens.hour;
  if (tokens.hour < 1 || tokens.hour > 12) return -1;
  const base = tokens.hour === 12 ? 0 : tokens.hour;
  return tokens.meridiem === 'P' ? base + 12 : base;
}

function civil(tokens: DateTokens, format: DateFormatId): [number, number, number] {
  switch (tokens.shape) {
    case 'NUMERIC':
      return format === 'DMY' ? [tokens.c, tokens.b, tokens.a] : [tokens.c, tokens.a, tokens.b];
    case 'DMON':
      return [tokens.c, tokens.b, tokens.a];
    case 'MON_D_Y':
      return [tokens.c, tokens.a, tokens.b];
    default:
      return [tokens.a, tokens.b, tokens.c];
  }
}

function shapeProblem<T>(
  text: string,
  tokens: DateTokens,
  options: NormalizeDateOptions,
): NormalizeResult<T> | null {
  const { format } = options;
  const shape = tokens.shape;
  if (shape === 'NUMERIC') {
    if (format !== 'MDY' && format !== 'DMY')
      return mismatch(text, format, 'a month/day value needs an MDY or DMY column');
    const month = format === 'MDY' ? tokens.a : tokens.b;
    if (month > 12 && (format === 'MDY' ? tokens.b : tokens.a) <= 12) {
      return mismatch(text, format, `it reads as ${format === 'MDY' ? 'day-first' : 'month-first'}`);
    }
    return null;
  }
  if (shape === 'EXCEL_SERIAL' || shape === 'UNIX' || format === 'EXCEL_SERIAL' || format === 'UNIX') {
    return shape === format ? null : mismatch(text, format, `it looks like ${shape}`);
  }
  return options.strictFormat === true && shape !== format
    ? mismatch(text, format, `it looks like ${shape}`)
    : null;
}

function tokensToParsed(text: string, tokens: DateTokens, format: DateFormatId): NormalizeResult<ParsedDate> {
  const [rawYear, month, day] = civil(tokens, format);
  const year = fullYear(rawYear, tokens.yearDigits);
  if (month < 1 || month > 12) return invalid(text, 'the month is not 1–12');
  if (day < 1 || day > daysInMonth(year, month))
    return invalid(text, 'that day does not exist in that month');
  const hour = hour24(tokens);
  if (hour < 0 || hour > 23 || tokens.minute > 59 || tokens.second > 59)
    return invalid(text, 'the time of day is not valid');
  let zone: ZoneSpec | null = null;
  if (tokens.zone !== '' && tokens.hasTime) {
    zone = parseZoneToken(tokens.zone);
    if (zone === null) {
      return fail('DATE_ZONE_UNKNOWN', 'The time zone written in the value is unknown or ambiguous.', {
        received: `zone token of ${tokens.zone.length} characters`,
        expected: 'PDT PST MDT MST CDT CST EDT EST AKST AKDT HST UTC GMT Z, +HHMM or an IANA zone',
      });
    }
  }
  const wall = { year, month, day, hour, minute: tokens.minute, second: tokens.second };
  return ok({ wall, hasTime: tokens.hasTime, zone, epochMs: null });
}

function excelToParsed(text: string, tokens: DateTokens): NormalizeResult<ParsedDate> {
  const serial = tokens.a;
  if (serial < 1 || serial === 60)
    return invalid(text, 'Excel serial 0 and 60 (the fictitious 1900-02-29) are not dates');
  const seconds = tokens.fraction === '' ? 0 : Math.round(Number(`0.${tokens.fraction}`) * 86_400);
  const days = EXCEL_EPOCH_DAYS + serial + (serial < 60 ? 1 : 0);
  const wall = epochToWallClock(days * DAY_MS + seconds * 1000);
  return ok({ wall, hasTime: tokens.fraction !== '', zone: null, epochMs: null });
}

function parseTokens(
  text: string,
  tokens: DateTokens,
  options: NormalizeDateOptions,
): NormalizeResult<ParsedDate> {
  const problem = shapeProblem<ParsedDate>(text, tokens, options);
  if (problem !== null) return problem;
  if (tokens.shape === 'EXCEL_SERIAL') return excelToParsed(text, tokens);
  if (tokens.shape === 'UNIX') {
    const epochMs = tokens.a * 1000;
    return ok({ wall: epochToWallClock(epochMs), hasTime: true, zone: null, epochMs });
  }
  return tokensToParsed(text, tokens, options.format);
}

function yearProblem(year: number, raw: string): NormalizeProblem | null {
  if (year >= 1990 && year <= 2100) return null;
  const extra = { received: describeShape(raw.trim()), expected: 'a year from 1990 to 2100' };
  if (year >= 1900 && year < 1990) {
    return warn(
      'DATE_YEAR_IMPLAUSIBLE',
      'The year is before 1990: probably a placeholder, not a real date.',
      extra,
    );
  }
  return {
    ...extra,
    expected: 'a year from 1900 to 2100',
    severity: 'error',
    code: 'DATE_YEAR_OUT_OF_RANGE',
    message: 'The year is before 1900 or after 2100.',
  };
}

const checkedOptions = new WeakSet<NormalizeDateOptions>();

function zoneOptionProblem<T>(options: NormalizeDateOptions): NormalizeResult<T> | null {
  if (checkedOptions.has(options)) return null;
  for (const zone of [options.sourceZone, options.targetZone]) {
    if (zone !== undefined && zone !== 'UTC' && !isValidTimeZone(zone)) {
      return fail('DATE_ZONE_INVALID', 'A configured time zone is not a known IANA zone name.', {
        received: `zone name of ${zone.length} characters`,
        expected: 'an IANA zone such as America/New_York',
      });
    }
  }
  checkedOptions.add(options);
  return null;
}

/** Lex and validate one value; ok(null) for an empty value. */
function parseValue(raw: string, options: NormalizeDateOptions): NormalizeResult<ParsedDate | null> {
  const text = raw.length > 256 ? raw.slice(0, 257) : trimEnds(raw);
  if (text === '') return ok(null);
  if (options.zeroIsEmpty !== false && isZeroDate(text)) return ok(null);
  const optionProblem = zoneOptionProblem<ParsedDate | null>(options);
  if (optionProblem !== null) return optionProblem;
  const tokens = lexDate(text);
  if (tokens === null) return invalid(text, 'no known date shape');
  return parseTokens(text, tokens, options);
}

interface Converted {
  readonly wall: WallClock;
  readonly problem: NormalizeProblem | null;
}

function fitProblem(fit: string): NormalizeProblem | null {
  if (fit === 'skipped') {
    return warn(
      'DATE_TIME_SKIPPED',
      'The time does not exist in the source zone (DST spring-forward); read as daylight time.',
    );
  }
  if (fit === 'repeated') {
    return warn(
      'DATE_TIME_REPEATED',
      'The time occurs twice in the source zone (DST fall-back); the earlier one was used.',
    );
  }
  return null;
}

function sameZone(a: string | ZoneSpec, b: string): boolean {
  if (typeof a === 'string') return a === b;
  return a.kind === 'fixed' ? a.offsetMinutes === 0 && b === 'UTC' : a.zone === b;
}

/** Move a parsed date-time into the target zone. */
function toTarget(parsed: ParsedDate, options: NormalizeDateOptions): Converted | null {
  const source: string | ZoneSpec = parsed.zone ?? options.sourceZone ?? 'UTC';
  const target = options.targetZone ?? options.sourceZone ?? 'UTC';
  if (parsed.epochMs !== null) {
    const wall = utcToZonedWallClock(parsed.epochMs, target);
    return wall === null ? null : { wall, problem: null };
  }
  if (sameZone(source, target)) return { wall: parsed.wall, problem: null };
  const instant = resolveZonedWallClock(parsed.wall, source);
  const wall = instant === null ? null : utcToZonedWallClock(instant.epochMs, target);
  return instant === null || wall === null ? null : { wall, problem: fitProblem(instant.fit) };
}

function finish(
  raw: string,
  parsed: ParsedDate,
  options: NormalizeDateOptions,
  dateOnly: boolean,
): NormalizeResult {
  const converted = parsed.hasTime ? toTarget(parsed, options) : { wall: parsed.wall, problem: null };
  if (converted === null) return invalid(raw.trim(), 'the instant cannot be placed in the time zone');
  const problem = yearProblem(converted.wall.year, raw);
  if (problem !== null && problem.severity === 'error') return { ok: false, problem };
  const value = dateOnly ? formatDate(converted.wall) : formatDateTime(converted.wall);
  const warning = problem ?? converted.problem;
  return warning === null ? ok(value) : ok(value, warning);
}

/**
 * The local hour of a column's values last converted, and its text in the target zone: the values
 * of one hour (a distinct timestamp per row, in time order) share it, so each is one lookup and
 * one concatenation instead of two zone conversions.
 */
interface HourText {
  /** Days since 1970 × 24 + hour, of the source's wall clock; NaN before the first. */
  key: number;
  /** `YYYY-MM-DD HH:` in the target zone, or null when the hour takes the full path (below). */
  prefix: string | null;
  /** `YYYY-MM-DD` in the target zone. */
  day: string;
  /** The character codes of `prefix`. */
  codes: Uint16Array;
  /** The zones it was converted between (options are not to change; a caller that does gets them right). */
  sourceZone: string | undefined;
  targetZone: string | undefined;
}

/** One per column (its options object): columns do not take each other's hour. */
const hourTexts = new WeakMap<NormalizeDateOptions, HourText>();

/** The parts of the value on the fast path (one object for every value: nothing allocated). */
const SCAN = new DateScan();

function atTime(wall: WallClock, minute: number, second: number): ParsedDate {
  return { wall: { ...wall, minute, second }, hasTime: true, zone: null, epochMs: null };
}

/**
 * Convert the first and the last second of the hour: the hour has a text of its own only when
 * both are exact (no DST transition in it), the offset between the zones is whole hours, and the
 * year takes no warning; else each value of it takes the full path.
 */
function fillHour(entry: HourText, key: number, wall: WallClock, options: NormalizeDateOptions): void {
  entry.key = key;
  entry.prefix = null;
  entry.sourceZone = options.sourceZone;
  entry.targetZone = options.targetZone;
  const first = toTarget(atTime(wall, 0, 0), options);
  const last = toTarget(atTime(wall, 59, 59), options);
  if (first === null || last === null || first.problem !== null || last.problem !== null) return;
  const a = first.wall;
  const b = last.wall;
  const sameHour = a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour;
  if (!sameHour || a.minute !== 0 || a.second !== 0 || b.minute !== 59 || b.second !== 59) return;
  if (a.year < 1990 || a.year > 2100) return;
  entry.day = formatDate(a);
  entry.prefix = `${entry.day} ${PAD[a.hour]}:`;
  for (let i = 0; i < 14; i++) entry.codes[i] = entry.prefix.charCodeAt(i);
}

/**
 * `YYYY-MM-DD HH:` (its character codes) and the minute and second, as one flat string: a
 * concatenation would be flattened by the first compare of the row's cell, a copy more.
 */
function dateTimeText(c: Uint16Array, minute: number, second: number): string {
  const m1 = 48 + ((minute / 10) | 0);
  const m2 = 48 + (minute % 10);
  const s1 = 48 + ((second / 10) | 0);
  const s2 = 48 + (second % 10);
  // biome-ignore format: one character per argument would take a screen
  return String.fromCharCode(c[0]!, c[1]!, c[2]!, c[3]!, 45, c[5]!, c[6]!, 45, c[8]!, c[9]!, 32, c[11]!, c[12]!, 58, m1, m2, 58, s1, s2);
}

/**
 * The common case with nothing allocated but the result: a value of the two common shapes
 * (`M/D/YYYY h:mm AM`, `YYYY-MM-DD HH:MM:SS`) that fits the column's format, in a year from 1990
 * to 2100, in an hour without a DST transition. Undefined for anything else, which the full path
 * then reads — and it makes every problem and warning.
 */
function fastPath(
  raw: string,
  options: NormalizeDateOptions,
  dateOnly: boolean,
): NormalizeResult | undefined {
  if (raw.length > MAX_DATE_LENGTH || !checkedOptions.has(options)) return undefined;
  const s = SCAN;
  if (!scanCommonDate(trimEnds(raw), s)) return undefined;
  let year = s.a;
  let month = s.b;
  let day = s.c;
  if (s.shape === 'NUMERIC') {
    if (options.format === 'MDY') {
      month = s.a;
      day = s.b;
    } else if (options.format === 'DMY') {
      month = s.b;
      day = s.a;
    } else return undefined;
    year = fullYear(s.c, s.yearDigits);
  } else if (
    options.format === 'EXCEL_SERIAL' ||
    options.format === 'UNIX' ||
    (options.strictFormat === true && options.format !== 'ISO')
  )
    // a serial or epoch column takes no calendar date (DATE_FORMAT_MISMATCH on the full path)
    return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (!s.hasTime) {
    // a calendar date: never shifted across zones
    if (year < 1990 || year > 2100) return undefined;
    const date = formatDate({ year, month, day, hour: 0, minute: 0, second: 0 });
    return ok(dateOnly ? date : `${date} 00:00:00`);
  }
  const hour = hour24(s);
  if (hour < 0 || hour > 23 || s.minute > 59 || s.second > 59) return undefined;
  const key = daysFromCivil(year, month, day) * 24 + hour;
  let entry = hourTexts.get(options);
  if (entry === undefined) {
    entry = {
      key: Number.NaN,
      prefix: null,
      day: '',
      codes: new Uint16Array(14),
      sourceZone: undefined,
      targetZone: undefined,
    };
    hourTexts.set(options, entry);
  }
  if (entry.key !== key || entry.sourceZone !== options.sourceZone || entry.targetZone !== options.targetZone)
    fillHour(entry, key, { year, month, day, hour, minute: 0, second: 0 }, options);
  const prefix = entry.prefix;
  if (prefix === null) return undefined;
  if (dateOnly) return ok(entry.day);
  return ok(dateTimeText(entry.codes, s.minute, s.second));
}

/**
 * Normalize a date-time to `YYYY-MM-DD HH:MM:SS` in the target zone. A zone written in the
 * value (`PDT`, `Z`, `-07:00`) overrides `sourceZone`. A date without a time becomes midnight
 * and is not shifted across zones (it is a calendar date, not an instant). Empty → ''.
 */
export function normalizeDateTime(raw: string, options: NormalizeDateOptions): NormalizeResult {
  const fast = fastPath(raw, options, false);
  if (fast !== undefined) return fast;
  const parsed = parseValue(raw, options);
  if (!parsed.ok) return parsed;
  return parsed.value === null ? ok('') : finish(raw, parsed.value, options, false);
}

/**
 * Normalize a date to `YYYY-MM-DD`. Date-only values are never shifted across zones; a
 * date-time is first converted to the target zone, then truncated. Empty → ''.
 */
export function normalizeDate(raw: string, options: NormalizeDateOptions): NormalizeResult {
  const fast = fastPath(raw, options, true);
  if (fast !== undefined) return fast;
  const parsed = parseValue(raw, options);
  if (!parsed.ok) return parsed;
  return parsed.value === null ? ok('') : finish(raw, parsed.value, options, true);
}

/** The problem callers report for every value of a column whose format inference was ambiguous. */
export function dateAmbiguousProblem(evidence: string): NormalizeProblem {
  return {
    code: 'DATE_AMBIGUOUS',
    severity: 'error',
    message: `The column's date order cannot be decided (${evidence}); set the column's date format (MDY or DMY).`,
  };
}
