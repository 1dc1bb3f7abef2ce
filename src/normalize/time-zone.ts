/**
 * Time-zone arithmetic on wall clocks, DST-correct, through Intl (Node's full ICU) and a
 * per-zone cache of UTC offsets keyed by hour. Total: bad zones and bad instants give null.
 * @module
 */
import { trimEnds } from './trim-ends.js';

/** A zone: a fixed UTC offset (from `PDT`, `+0200`, `Z`) or an IANA zone name. */
export type ZoneSpec =
  | { readonly kind: 'fixed'; readonly offsetMinutes: number }
  | { readonly kind: 'iana'; readonly zone: string };

/** A civil date and time without zone. Months are 1–12. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** How a wall-clock time mapped onto the zone's timeline. */
export type WallClockFit = 'exact' | 'skipped' | 'repeated';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MAX_EPOCH_MS = 8.64e15;
const CACHE_LIMIT = 200_000;
const VARIES = -100_000;

/** US and common zone abbreviations seen in processor exports, as fixed offsets in minutes. */
const ABBREVIATIONS: Readonly<Record<string, number>> = {
  Z: 0,
  UT: 0,
  UTC: 0,
  GMT: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  CET: 60,
  CEST: 120,
};

const OFFSET_RE = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/;
const ZONE_NAME_RE = /^[A-Za-z][A-Za-z0-9_/+-]{0,63}$/;

interface ZoneCache {
  readonly format: Intl.DateTimeFormat;
  /** UTC day → offset, or VARIES on days with a transition (then see `hours`). */
  readonly days: Map<number, number>;
  readonly hours: Map<number, number>;
}

const zoneCaches = new Map<string, ZoneCache | null>();

function createFormat(zone: string): Intl.DateTimeFormat | null {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    return null;
  }
}

/** The last two zones looked up (a build converts between its source and its target zone). */
let lastZone: string | null = null;
let lastCache: ZoneCache | null = null;
let otherZone: string | null = null;
let otherCache: ZoneCache | null = null;

function zoneCache(zone: string): ZoneCache | null {
  if (zone === lastZone) return lastCache;
  if (zone === otherZone) {
    otherZone = lastZone;
    const cache = otherCache;
    otherCache = lastCache;
    lastZone = zone;
    lastCache = cache;
    return cache;
  }
  const cache = lookUpZone(zone);
  otherZone = lastZone;
  otherCache = lastCache;
  lastZone = zone;
  lastCache = cache;
  return cache;
}

function lookUpZone(zone: string): ZoneCache | null {
  let cache = zoneCaches.get(zone);
  if (cache === undefined) {
    if (zoneCaches.size > 1_000) zoneCaches.clear();
    const format = ZONE_NAME_RE.test(zone) ? createFormat(zone) : null;
    cache = format === null ? null : { format, days: new Map(), hours: new Map() };
    zoneCaches.set(zone, cache);
  }
  return cache;
}

/** True when `zone` is an IANA zone name that this runtime's ICU knows. */
export function isValidTimeZone(zone: string): boolean {
  return zoneCache(zone) !== null;
}

/** Days since 1970-01-01 for a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The wall clock of an epoch in UTC, by integer arithmetic (Hinnant's civil_from_days). */
export function epochToWallClock(epochMs: number): WallClock {
  const days = Math.floor(epochMs / DAY_MS);
  const msOfDay = epochMs - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const secOfDay = Math.floor(msOfDay / 1000);
  return {
    year: yoe + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: doy - Math.floor((153 * mp + 2) / 5) + 1,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    second: secOfDay % 60,
  };
}

function wallClockMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000;
}

function computeOffset(epochMs: number, format: Intl.DateTimeFormat): number {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of format.formatToParts(epochMs)) {
    const n = Number(part.value);
    if (part.type === 'year') year = n;
    else if (part.type === 'month') month = n;
    else if (part.type === 'day') day = n;
    else if (part.type === 'hour') hour = n;
    else if (part.type === 'minute') minute = n;
    else if (part.type === 'second') second = n;
    else if (part.type === 'era') bc = part.value.startsWith('B');
  }
  const local = wallClockMs(bc ? 1 - year : year, month, day, hour, minute, second);
  return Math.round((local - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/** Offset over one bucket [start, start + size): constant, or VARIES when a transition falls inside. */
function bucketOffset(
  map: Map<number, number>,
  bucket: number,
  size: number,
  format: Intl.DateTimeFormat,
): number {
  const known = map.get(bucket);
  if (known !== undefined) return known;
  const start = computeOffset(bucket * size, format);
  const end = computeOffset(bucket * size + size - 1000, format);
  if (map.size >= CACHE_LIMIT) map.clear();
  const offset = start === end ? start : VARIES;
  map.set(bucket, offset);
  return offset;
}

/** Offsets are cached per UTC day, and per hour on the few days that hold a DST transition. */
function ianaOffset(epochMs: number, cache: ZoneCache): number {
  const byDay = bucketOffset(cache.days, Math.floor(epochMs / DAY_MS), DAY_MS, cache.format);
  if (byDay !== VARIES) return byDay;
  const byHour = bucketOffset(cache.hours, Math.floor(epochMs / HOUR_MS), HOUR_MS, cache.format);
  return byHour !== VARIES ? byHour : computeOffset(epochMs, cache.format);
}

/** The zone's UTC offset in minutes at an instant, or null for an unknown zone or a bad instant. */
export function zoneOffsetMinutes(epochMs: number, zone: string | ZoneSpec): number | null {
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > MAX_EPOCH_MS) return null;
  // a zone name is looked up once per call, without making a ZoneSpec for it
  let name: string;
  if (typeof zone === 'string') name = zone;
  else if (zone.kind === 'fixed') return zone.offsetMinutes;
  else name = zone.zone;
  if (name === 'UTC' || name === 'Etc/UTC') return 0;
  const cache = zoneCache(name);
  return cache === null ? null : ianaOffset(epochMs, cache);
}

/** The wall clock in `zone` at an instant, or null for an unknown zone or a bad instant. */
export function utcToZonedWallClock(epochMs: number, zone: string | ZoneSpec): WallClock | null {
  const offset = zoneOffsetMinutes(epochMs, zone);
  return offset === null ? null : epochToWallClock(epochMs + offset * 60_000);
}

/** A resolved conversion: the instant, and whether the wall clock was skipped or repeated by DST. */
export interface ZonedInstant {
  readonly epochMs: number;
  readonly fit: WallClockFit;
}

/**
 * The instant of a wall clock in `zone`, like Temporal's `disambiguation: 'compatible'`:
 * a time repeated at fall-back takes the earlier instant; a time skipped at spring-forward
 * is read with the offset before the gap (02:30 → 03:30 daylight time).
 */
export function resolveZonedWallClock(wall: WallClock, zone: string | ZoneSpec): ZonedInstant | null {
  const local = wallClockMs(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second);
  if (!Number.isFinite(local)) return null;
  const before = zoneOffsetMinutes(local - DAY_MS, zone);
  const after = zoneOffsetMinutes(local + DAY_MS, zone);
  if (before === null || after === null) return null;
  if (before === after) return { epochMs: local - before * 60_000, fit: 'exact' };
  const early = local - before * 60_000;
  const late = local - after * 60_000;
  const earlyFits = zoneOffsetMinutes(early, zone) === before;
  const lateFits = zoneOffsetMinutes(late, zone) === after;
  if (earlyFits && lateFits) return { epochMs: Math.min(early, late), fit: 'repeated' };
  if (earlyFits) return { epochMs: early, fit: 'exact' };
  if (lateFits) return { epochMs: late, fit: 'exact' };
  return { epochMs: early, fit: 'skipped' };
}

/** The UTC epoch (ms) of a wall clock in `zone` (see {@link resolveZonedWallClock}), or null. */
export function zonedWallClockToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  zone: string | ZoneSpec,
): number | null {
  const resolved = resolveZonedWallClock({ year, month, day, hour, minute, second }, zone);
  return resolved === null ? null : resolved.epochMs;
}

/**
 * Read a zone token found in a value or in configuration: an abbreviation (`PDT`, `EST`, `UTC`,
 * `Z`), a numeric offset (`+0200`, `-07:00`, `+02`, `GMT+2`) or an IANA name. Ambiguous
 * abbreviations (`IST`, `BST`, `CST` outside the US list are not guessed) and unknown names give null.
 */
export function parseZoneToken(token: string): ZoneSpec | null {
  const text = trimEnds(token);
  if (text.length === 0 || text.length > 64) return null;
  const abbreviation = ABBREVIATIONS[text.toUpperCase()];
  if (abbreviation !== undefined) return { kind: 'fixed', offsetMinutes: abbreviation };
  const offset = OFFSET_RE.exec(text);
  if (offset !== null) {
    const hours = Number(offset[2]);
    const minutes = offset[3] === undefined ? 0 : Number(offset[3]);
    if (hours > 14 || minutes > 59) return null;
    const total = hours * 60 + minutes;
    return { kind: 'fixed', offsetMinutes: offset[1] === '-' ? -total : total };
  }
  return text.includes('/') && isValidTimeZone(text) ? { kind: 'iana', zone: text } : null;
}
