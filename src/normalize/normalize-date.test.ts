import { describe, expect, it } from 'vitest';
import { expectNormalizes, expectProblem, expectTotal } from './expect-normalize.test-helper.js';
import type { DateFormatId } from './infer-date-format.js';
import { dateAmbiguousProblem, normalizeDate, normalizeDateTime } from './normalize-date.js';

const dt = (format: DateFormatId, zones: { sourceZone?: string; targetZone?: string } = {}) => {
  const options = { format, ...zones };
  return (raw: string) => normalizeDateTime(raw, options);
};
const d = (format: DateFormatId, zones: { sourceZone?: string; targetZone?: string } = {}) => {
  const options = { format, ...zones };
  return (raw: string) => normalizeDate(raw, options);
};

describe('normalizeDateTime', () => {
  describe('accepts ISO and Woo/Sticky `Y-m-d H:i:s` and keeps the wall clock by default', () => {
    expectNormalizes(dt('ISO'), [
      ['2024-03-15 10:20:30', '2024-03-15 10:20:30'],
      ['2024-03-15T10:20:30', '2024-03-15 10:20:30'],
      ['2024-03-15T10:20:30.123', '2024-03-15 10:20:30'],
      ['2024-03-15 10:20', '2024-03-15 10:20:00'], // Stripe "(UTC)" columns
      ['2026-07-15 00:00', '2026-07-15 00:00:00'],
      ['2024-03-15', '2024-03-15 00:00:00'],
      ['2024/03/15 10:20:30', '2024-03-15 10:20:30'],
      ['  2024-03-15 10:20:30  ', '2024-03-15 10:20:30'],
      ['2024-02-29 12:00:00', '2024-02-29 12:00:00'],
      ['2023-09-12T16:34:05+00:00', '2023-09-12 16:34:05'], // ReCharge, offset equals UTC source
      ['2023-09-12T16:34:05Z', '2023-09-12 16:34:05'],
    ]);
  });

  describe('accepts NMI YYYYMMDDhhmmss (UTC) and converts it to a target zone', () => {
    expectNormalizes(dt('YMD_COMPACT'), [
      ['20150312215205', '2015-03-12 21:52:05'],
      ['20150312', '2015-03-12 00:00:00'],
    ]);
    expectNormalizes(dt('YMD_COMPACT', { targetZone: 'America/New_York' }), [
      ['20150312215205', '2015-03-12 17:52:05'],
    ]);
  });

  describe('accepts Authorize.net `21-Aug-2002 03:26:12 PM MDT`: the abbreviation overrides sourceZone', () => {
    expectNormalizes(dt('DMON', { sourceZone: 'America/Denver' }), [
      ['21-Aug-2002 03:26:12 PM MDT', '2002-08-21 15:26:12'],
      ['21-Aug-2002 12:05:00 AM MDT', '2002-08-21 00:05:00'],
      ['21-Aug-2002 12:05:00 PM MDT', '2002-08-21 12:05:00'],
      ['21 Aug 2022', '2022-08-21 00:00:00'],
      ['05-Jan-2024 03:26:12 PM MST', '2024-01-05 15:26:12'],
    ]);
    expectNormalizes(dt('DMON', { sourceZone: 'America/Denver', targetZone: 'America/New_York' }), [
      ['21-Aug-2002 03:26:12 PM MDT', '2002-08-21 17:26:12'],
      ['21-Aug-2002 03:26:12 PM PDT', '2002-08-21 18:26:12'],
    ]);
  });

  describe('reads an IANA zone written in the value (Braintree Created Timezone), not its "Am" as AM', () => {
    expectNormalizes(dt('ISO', { sourceZone: 'UTC' }), [
      ['2026-03-01 10:00:00 America/Chicago', '2026-03-01 16:00:00'],
      ['2026-03-01 10:00 America/Argentina/Buenos_Aires', '2026-03-01 13:00:00'],
      ['2026-03-01 10:00 am', '2026-03-01 10:00:00'],
    ]);
    expectNormalizes(dt('MDY', { sourceZone: 'UTC' }), [
      ['03/01/2026 10:00 AM America/Chicago', '2026-03-01 16:00:00'],
    ]);
  });

  describe('accepts Recurly files that mix PDT/PST and UTC in one column', () => {
    expectNormalizes(dt('ISO', { sourceZone: 'America/Los_Angeles' }), [
      ['2012-06-27 03:47:28 PDT', '2012-06-27 03:47:28'],
      ['2009-12-04 00:46:59 PST', '2009-12-04 00:46:59'],
      ['2018-09-02 15:53:18 UTC', '2018-09-02 08:53:18'],
      ['2018-12-02 15:53:18 UTC', '2018-12-02 07:53:18'],
      ['2018-09-02T15:53:18-07:00', '2018-09-02 15:53:18'],
      ['2018-09-02T15:53:18+0200', '2018-09-02 06:53:18'],
    ]);
  });

  describe('accepts month-first and day-first values by the column format', () => {
    expectNormalizes(dt('MDY'), [
      ['03/04/2024', '2024-03-04 00:00:00'],
      ['3/4/24', '2024-03-04 00:00:00'],
      ['3/4/99', '1999-03-04 00:00:00'],
      ['3/4/89', '1989-03-04 00:00:00', 'DATE_YEAR_IMPLAUSIBLE'],
      ['12-31-2024', '2024-12-31 00:00:00'],
      ['3/4/2024 3:05 PM', '2024-03-04 15:05:00'],
      ['3/4/2024 3:05:09 pm', '2024-03-04 15:05:09'],
      ['3/4/2024 15:05', '2024-03-04 15:05:00'],
      ['3/4/49', '2049-03-04 00:00:00'],
    ]);
    expectNormalizes(dt('DMY'), [
      ['20/07/2014', '2014-07-20 00:00:00'], // Woo sample
      ['04.03.2024', '2024-03-04 00:00:00'],
      ['31/12/2024 23:59:59', '2024-12-31 23:59:59'],
    ]);
  });

  describe('accepts `Aug 21, 2022` and Excel serial dates (1900 system)', () => {
    expectNormalizes(dt('MON_D_Y'), [
      ['Aug 21, 2022', '2022-08-21 00:00:00'],
      ['August 21 2022', '2022-08-21 00:00:00'],
      ['Sept 1, 2022 3:05 PM', '2022-09-01 15:05:00'],
    ]);
    expectNormalizes(dt('EXCEL_SERIAL'), [
      ['45000', '2023-03-15 00:00:00'],
      ['45000.75', '2023-03-15 18:00:00'],
      ['43831', '2020-01-01 00:00:00'],
      ['36526.5', '2000-01-01 12:00:00'],
      ['45000.99999999', '2023-03-16 00:00:00'],
    ]);
    expectNormalizes(dt('UNIX', { targetZone: 'America/New_York' }), [['1700000000', '2023-11-14 17:13:20']]);
  });

  describe('reads the Woo "no date" placeholder 0 as empty', () => {
    expectNormalizes(dt('ISO'), [
      ['0', ''],
      ['0000-00-00', ''],
      ['0000-00-00 00:00:00', ''],
      ['', ''],
      ['   ', ''],
    ]);
  });

  describe('rejects impossible dates with DATE_INVALID', () => {
    expectProblem(dt('ISO'), [
      ['2023-02-29', 'DATE_INVALID'],
      ['2024-02-30 10:00:00', 'DATE_INVALID'],
      ['2024-13-01', 'DATE_INVALID'],
      ['2024-04-31', 'DATE_INVALID'],
      ['2024-01-01 24:00:00', 'DATE_INVALID'],
      ['2024-01-01 10:60:00', 'DATE_INVALID'],
      ['yesterday', 'DATE_INVALID'],
      ['N/A', 'DATE_INVALID'],
    ]);
    expectProblem(dt('ISO', { sourceZone: 'America/Los_Angeles' }), [
      ['2024-01-01 10:00:00 IST', 'DATE_ZONE_UNKNOWN'],
    ]);
    expectProblem(
      (raw) => normalizeDateTime(raw, { format: 'ISO', zeroIsEmpty: false }),
      [['0000-00-00', 'DATE_INVALID']],
    );
    expectProblem(dt('MDY'), [['13/13/2024', 'DATE_INVALID']]);
    expectProblem(
      (raw) => normalizeDateTime(raw, { format: 'EXCEL_SERIAL', zeroIsEmpty: false }),
      [
        ['60', 'DATE_INVALID'],
        ['0', 'DATE_INVALID'],
      ],
    );
  });

  describe('rejects values that do not fit the column format with DATE_FORMAT_MISMATCH', () => {
    expectProblem(dt('MDY'), [
      ['20/07/2014', 'DATE_FORMAT_MISMATCH'],
      ['45000', 'DATE_FORMAT_MISMATCH'],
    ]);
    expectProblem(dt('DMY'), [['07/20/2014', 'DATE_FORMAT_MISMATCH']]);
    expectProblem(dt('ISO'), [
      ['03/04/2024', 'DATE_FORMAT_MISMATCH'],
      ['1700000000', 'DATE_FORMAT_MISMATCH'],
    ]);
    expectProblem(
      (raw) => normalizeDateTime(raw, { format: 'MDY', strictFormat: true }),
      [['2024-03-04', 'DATE_FORMAT_MISMATCH']],
    );
  });

  describe('accepts self-describing ISO values in an MDY column unless strictFormat', () => {
    expectNormalizes(dt('MDY'), [['2024-03-04 10:00:00', '2024-03-04 10:00:00']]);
  });

  describe('rejects years outside 1900–2100 with DATE_YEAR_OUT_OF_RANGE and warns before 1990', () => {
    expectProblem(dt('ISO'), [
      ['9999-12-31', 'DATE_YEAR_OUT_OF_RANGE'],
      ['0001-01-01', 'DATE_YEAR_OUT_OF_RANGE'],
      ['2101-01-01', 'DATE_YEAR_OUT_OF_RANGE'],
    ]);
    expectNormalizes(dt('ISO'), [['1970-01-01 00:00:00', '1970-01-01 00:00:00', 'DATE_YEAR_IMPLAUSIBLE']]);
    it('says which years an error accepts, and which a warning expects', () => {
      const error = normalizeDateTime('2101-01-01', { format: 'ISO' });
      expect(error.ok ? null : error.problem.expected).toBe('a year from 1900 to 2100');
      const warned = normalizeDateTime('1970-01-01', { format: 'ISO' });
      expect(warned.ok ? warned.warning?.expected : null).toBe('a year from 1990 to 2100');
    });
  });

  describe('rejects a configured zone that is not an IANA zone with DATE_ZONE_INVALID', () => {
    expectProblem(dt('ISO', { sourceZone: 'Mars/Olympus_Mons' }), [
      ['2024-01-01 10:00:00', 'DATE_ZONE_INVALID'],
    ]);
  });

  describe('is DST-correct across US spring-forward and fall-back (America/New_York → UTC)', () => {
    const ny = dt('ISO', { sourceZone: 'America/New_York', targetZone: 'UTC' });
    expectNormalizes(ny, [
      ['2024-03-10 01:59:59', '2024-03-10 06:59:59'],
      ['2024-03-10 03:00:00', '2024-03-10 07:00:00'],
      ['2024-03-10 02:30:00', '2024-03-10 07:30:00', 'DATE_TIME_SKIPPED'],
      ['2024-11-03 00:59:59', '2024-11-03 04:59:59'],
      ['2024-11-03 01:30:00', '2024-11-03 05:30:00', 'DATE_TIME_REPEATED'],
      ['2024-11-03 02:00:00', '2024-11-03 07:00:00'],
      ['2024-07-01 12:00:00', '2024-07-01 16:00:00'],
      ['2024-01-01 12:00:00', '2024-01-01 17:00:00'],
    ]);
    expectNormalizes(dt('ISO', { sourceZone: 'UTC', targetZone: 'America/Los_Angeles' }), [
      ['2024-03-10 09:59:59', '2024-03-10 01:59:59'],
      ['2024-03-10 10:00:00', '2024-03-10 03:00:00'],
      ['2024-11-03 08:59:59', '2024-11-03 01:59:59'],
      ['2024-11-03 09:00:00', '2024-11-03 01:00:00'],
      ['2024-12-31 23:30:00', '2024-12-31 15:30:00'],
    ]);
  });

  describe('never throws on hostile input', () => {
    expectTotal(dt('ISO'));
    expectTotal(dt('MDY', { sourceZone: 'America/Los_Angeles', targetZone: 'America/New_York' }));
    expectTotal(dt('EXCEL_SERIAL'));
  });
});

describe('normalizeDate', () => {
  describe('accepts date-only values without shifting them across zones', () => {
    expectNormalizes(d('ISO', { sourceZone: 'America/Los_Angeles', targetZone: 'Asia/Tokyo' }), [
      ['2024-03-15', '2024-03-15'],
      ['2024-12-31', '2024-12-31'],
    ]);
    expectNormalizes(d('DMY'), [['20/07/2014', '2014-07-20']]);
    expectNormalizes(d('EXCEL_SERIAL'), [['45000.9', '2023-03-15']]);
  });

  describe('converts a date-time to the target zone before truncating', () => {
    expectNormalizes(d('ISO', { sourceZone: 'America/Los_Angeles' }), [
      ['2012-06-28 03:47:28 UTC', '2012-06-27'],
      ['2012-06-27 03:47:28 PDT', '2012-06-27'],
    ]);
    expectNormalizes(d('ISO', { sourceZone: 'UTC', targetZone: 'America/New_York' }), [
      ['2026-07-15 00:00', '2026-07-14'], // Stripe "Current Period End (UTC)"
      ['2026-07-15 04:00', '2026-07-15'],
    ]);
  });

  describe('reads placeholders as empty and rejects bad dates', () => {
    expectNormalizes(d('ISO'), [['0', '']]);
    expectProblem(d('ISO'), [['2024-02-30', 'DATE_INVALID']]);
  });

  describe('never throws on hostile input', () => {
    expectTotal(d('DMON', { sourceZone: 'America/Denver', targetZone: 'UTC' }));
  });
});

describe('dateAmbiguousProblem', () => {
  it('builds an error that carries the evidence and asks for a format', () => {
    const problem = dateAmbiguousProblem('all 1,204 values have day and month ≤ 12');
    expect(problem).toMatchObject({ code: 'DATE_AMBIGUOUS', severity: 'error' });
    expect(problem.message).toContain('1,204');
  });
});

describe('the fast path of the common shapes', () => {
  // The fast path serves a column's options object once the full path has checked its zones;
  // a fresh options object always takes the full path. Both must give the same result for every
  // value, across DST transitions, half-hour zones and a 30-minute DST (Lord Howe).
  const pairs: [string | undefined, string | undefined][] = [
    ['America/Chicago', 'America/New_York'],
    ['UTC', 'America/Los_Angeles'],
    ['America/Los_Angeles', 'UTC'],
    ['Asia/Kolkata', 'America/New_York'],
    ['Australia/Lord_Howe', 'UTC'],
    ['America/St_Johns', 'America/Chicago'],
    ['Europe/London', 'Europe/London'],
    [undefined, undefined],
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  /** Every 7 minutes over the days around the 2024 transitions of the zones above, in three shapes. */
  const formats: DateFormatId[] = ['ISO', 'MDY', 'DMY', 'EXCEL_SERIAL', 'UNIX', 'DMON'];
  const values = (): [string, DateFormatId][] => {
    const out: [string, DateFormatId][] = [];
    const days = [
      '2024-03-09',
      '2024-03-10',
      '2024-03-31',
      '2024-04-07',
      '2024-10-06',
      '2024-11-03',
      '1989-12-31',
      '2100-12-31',
    ];
    for (const day of days) {
      const start = Date.parse(`${day}T00:00:00Z`);
      for (let t = start - 86_400_000; t < start + 2 * 86_400_000; t += 7 * 60_000 + 13_000) {
        const w = new Date(t);
        const [y, m, d, h, mi, s] = [
          w.getUTCFullYear(),
          w.getUTCMonth() + 1,
          w.getUTCDate(),
          w.getUTCHours(),
          w.getUTCMinutes(),
          w.getUTCSeconds(),
        ];
        out.push([`${y}-${pad(m)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`, 'ISO']);
        out.push([`${m}/${d}/${y} ${h % 12 === 0 ? 12 : h % 12}:${pad(mi)} ${h < 12 ? 'AM' : 'PM'}`, 'MDY']);
        out.push([`${pad(d)}.${pad(m)}.${y} ${pad(h)}:${pad(mi)}`, 'DMY']);
      }
    }
    for (const v of [
      '2024-02-30 10:00:00',
      '13/40/2024 1:00 PM',
      '0000-00-00 00:00:00',
      '2024-03-10',
      ' 3/9/2024 1:05 am ',
    ])
      out.push([v, v.includes('/') ? 'MDY' : 'ISO']);
    return out;
  };
  it.each(pairs)('gives the full path result for every value (%s → %s)', (sourceZone, targetZone) => {
    const zones = { ...(sourceZone ? { sourceZone } : {}), ...(targetZone ? { targetZone } : {}) };
    // one options object per column (format, strictness), as the build keeps one per column
    const columns = new Map<string, { format: DateFormatId; strictFormat: boolean }>();
    const column = (format: DateFormatId, strictFormat: boolean) => {
      const key = `${format} ${strictFormat}`;
      const found = columns.get(key) ?? { format, strictFormat, ...zones };
      columns.set(key, found);
      return found;
    };
    let compared = 0;
    values().forEach(([raw, natural], i) => {
      // the value's own format; every 10th value also in columns of every other format, strict or not
      const options =
        i % 10 === 0 ? formats.flatMap((f) => [column(f, false), column(f, true)]) : [column(natural, false)];
      for (const o of options)
        for (const normalize of [normalizeDateTime, normalizeDate]) {
          const fast = normalize(raw, o);
          const full = normalize(raw, { ...o });
          if (JSON.stringify(fast) !== JSON.stringify(full)) expect([raw, o, fast]).toEqual([raw, o, full]);
          compared++;
        }
    });
    expect(compared).toBeGreaterThan(10_000);
  });
});

describe('the fast path in an Excel serial or UNIX column', () => {
  it.each(['EXCEL_SERIAL', 'UNIX'] as const)(
    'rejects an ISO date-time in a %s column as the full path does',
    (format) => {
      const column = { format, sourceZone: 'UTC' };
      // the column's first value (its own shape) passes the options through the full path
      expect(normalizeDateTime(format === 'UNIX' ? '1700000000' : '45000', column).ok).toBe(true);
      for (const normalize of [normalizeDateTime, normalizeDate]) {
        const reused = normalize('2024-01-05 10:00:00', column);
        expect(reused).toEqual(normalize('2024-01-05 10:00:00', { format, sourceZone: 'UTC' }));
        expect(reused.ok ? null : reused.problem.code).toBe('DATE_FORMAT_MISMATCH');
        expect(normalize('2024-01-05', column)).toEqual(normalize('2024-01-05', { format }));
      }
    },
  );
});

describe('the fast path with an options object changed between calls (library use)', () => {
  it('converts with the zones the options hold now, not those of its last hour', () => {
    const options: { format: DateFormatId; sourceZone: string; targetZone: string } = {
      format: 'ISO',
      sourceZone: 'UTC',
      targetZone: 'America/New_York',
    };
    expect(normalizeDateTime('2024-07-01 15:30:00', options)).toEqual({
      ok: true,
      value: '2024-07-01 11:30:00',
    });
    expect(normalizeDateTime('2024-07-01 15:45:00', options)).toEqual({
      ok: true,
      value: '2024-07-01 11:45:00',
    });
    options.targetZone = 'Europe/Berlin';
    expect(normalizeDateTime('2024-07-01 15:50:00', options)).toEqual({
      ok: true,
      value: '2024-07-01 17:50:00',
    });
  });
});
