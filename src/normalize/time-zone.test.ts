import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  daysFromCivil,
  epochToWallClock,
  isValidTimeZone,
  parseZoneToken,
  resolveZonedWallClock,
  utcToZonedWallClock,
  zonedWallClockToUtc,
  zoneOffsetMinutes,
} from './time-zone.js';

const utc = (iso: string): number => Date.parse(`${iso}Z`);

describe('parseZoneToken', () => {
  describe('accepts US abbreviations, UTC markers and numeric offsets as fixed offsets', () => {
    it.each([
      ['PDT', -420],
      ['PST', -480],
      ['MDT', -360],
      ['MST', -420],
      ['CDT', -300],
      ['CST', -360],
      ['EDT', -240],
      ['EST', -300],
      ['AKST', -540],
      ['AKDT', -480],
      ['HST', -600],
      ['UTC', 0],
      ['GMT', 0],
      ['Z', 0],
      ['utc', 0],
      ['+0200', 120],
      ['-07:00', -420],
      ['+05:30', 330],
      ['-03', -180],
      ['GMT+2', 120],
      ['UTC-05:00', -300],
    ])('reads %s as %i minutes', (token, offsetMinutes) => {
      expect(parseZoneToken(token)).toEqual({ kind: 'fixed', offsetMinutes });
    });
  });

  describe('accepts IANA zone names', () => {
    it.each(['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe'])('reads %s', (zone) => {
      expect(parseZoneToken(zone)).toEqual({ kind: 'iana', zone });
    });
  });

  describe('rejects ambiguous abbreviations, bad offsets and unknown zones with null', () => {
    it.each([
      'IST',
      'BST',
      'AST',
      'XYZ',
      '+2500',
      '+01:75',
      'Mars/Olympus',
      '',
      'a'.repeat(100_000),
      '\u0000',
    ])('rejects %#', (token) => {
      expect(parseZoneToken(token)).toBeNull();
    });
  });
});

describe('utcToZonedWallClock', () => {
  describe('is DST-correct at the US 2024 transitions (America/Los_Angeles)', () => {
    it.each([
      ['2024-03-10T09:59:59', [2024, 3, 10, 1, 59, 59]],
      ['2024-03-10T10:00:00', [2024, 3, 10, 3, 0, 0]],
      ['2024-11-03T08:59:59', [2024, 11, 3, 1, 59, 59]],
      ['2024-11-03T09:00:00', [2024, 11, 3, 1, 0, 0]],
      ['2024-11-03T10:00:00', [2024, 11, 3, 2, 0, 0]],
      ['2000-01-01T00:00:00', [1999, 12, 31, 16, 0, 0]],
    ] as const)('maps %s', (instant, [year, month, day, hour, minute, second]) => {
      expect(utcToZonedWallClock(utc(instant), 'America/Los_Angeles')).toEqual({
        year,
        month,
        day,
        hour,
        minute,
        second,
      });
    });
  });

  it('handles half-hour zones and zones whose DST moves 30 minutes', () => {
    expect(utcToZonedWallClock(utc('2024-01-01T00:00:00'), 'Asia/Kolkata')).toMatchObject({
      hour: 5,
      minute: 30,
    });
    expect(zoneOffsetMinutes(utc('2024-01-15T00:00:00'), 'Australia/Lord_Howe')).toBe(660);
    expect(zoneOffsetMinutes(utc('2024-06-15T00:00:00'), 'Australia/Lord_Howe')).toBe(630);
  });

  it('returns null for unknown zones and impossible instants', () => {
    expect(utcToZonedWallClock(0, 'Nowhere/City')).toBeNull();
    expect(utcToZonedWallClock(Number.NaN, 'UTC')).toBeNull();
    expect(utcToZonedWallClock(1e20, 'America/New_York')).toBeNull();
  });

  it('agrees with Intl for random instants in several zones', () => {
    const zones = [
      'America/New_York',
      'America/Los_Angeles',
      'Europe/London',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: utc('1990-01-01T00:00:00'), max: utc('2099-12-31T00:00:00') }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const wall = utcToZonedWallClock(ms, zone);
          const parts = new Intl.DateTimeFormat('en-US', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          }).formatToParts(ms);
          const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
          return (
            wall !== null &&
            wall.year === get('year') &&
            wall.month === get('month') &&
            wall.day === get('day') &&
            wall.hour === get('hour') &&
            wall.minute === get('minute')
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('zonedWallClockToUtc', () => {
  describe('is DST-correct at US spring-forward and fall-back (America/New_York)', () => {
    it.each([
      [[2024, 3, 10, 1, 59, 59], '2024-03-10T06:59:59', 'exact'],
      [[2024, 3, 10, 2, 30, 0], '2024-03-10T07:30:00', 'skipped'],
      [[2024, 3, 10, 3, 0, 0], '2024-03-10T07:00:00', 'exact'],
      [[2024, 11, 3, 0, 59, 59], '2024-11-03T04:59:59', 'exact'],
      [[2024, 11, 3, 1, 30, 0], '2024-11-03T05:30:00', 'repeated'],
      [[2024, 11, 3, 2, 0, 0], '2024-11-03T07:00:00', 'exact'],
    ] as const)('maps %j', ([year, month, day, hour, minute, second], instant, fit) => {
      expect(zonedWallClockToUtc(year, month, day, hour, minute, second, 'America/New_York')).toBe(
        utc(instant),
      );
      expect(resolveZonedWallClock({ year, month, day, hour, minute, second }, 'America/New_York')?.fit).toBe(
        fit,
      );
    });
  });

  it('accepts fixed offsets and round-trips random wall clocks', () => {
    expect(zonedWallClockToUtc(2002, 8, 21, 15, 26, 12, { kind: 'fixed', offsetMinutes: -360 })).toBe(
      utc('2002-08-21T21:26:12'),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: utc('1990-01-01T00:00:00') / 1000, max: utc('2099-12-31T00:00:00') / 1000 }),
        (seconds) => {
          const wall = utcToZonedWallClock(seconds * 1000, 'Europe/Berlin');
          if (wall === null) return false;
          const back = resolveZonedWallClock(wall, 'Europe/Berlin');
          return back !== null && (back.epochMs === seconds * 1000 || back.fit === 'repeated');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns null for an unknown zone', () => {
    expect(zonedWallClockToUtc(2024, 1, 1, 0, 0, 0, 'Nowhere/City')).toBeNull();
  });
});

describe('civil date arithmetic', () => {
  it('matches Date.UTC for random days', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (days) => {
        const wall = epochToWallClock(days * 86_400_000);
        return (
          daysFromCivil(wall.year, wall.month, wall.day) === days &&
          Date.UTC(wall.year, wall.month - 1, wall.day) === days * 86_400_000
        );
      }),
    );
  });

  it('knows which zones are valid', () => {
    expect(isValidTimeZone('America/Chicago')).toBe(true);
    expect(isValidTimeZone('America/Chicag')).toBe(false);
    expect(isValidTimeZone('../../etc/passwd')).toBe(false);
  });
});
