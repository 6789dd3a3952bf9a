import fc from 'fast-check';
import {
  CST_OFFSET_MINUTES,
  KST_OFFSET_MINUTES,
  formatDay,
  formatKst,
  formatWallClock,
  gmtOffsetLabel,
  parseWallClock,
} from '../../src/shared/time/zoned-time';

/** An independent oracle: the platform's time-zone database. Korea has had no daylight saving since 1988, China none since 1991. */
function intlWallClock(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).format(new Date(epochMs));
}

const since1992 = fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) });

describe('zoned time', () => {
  it('writes KST across a date line: 2025-12-31T15:30:00Z is 2026-01-01 00:30:00', () => {
    expect(formatKst(Date.parse('2025-12-31T15:30:00Z'))).toBe('2026-01-01 00:30:00');
    expect(formatKst(Date.parse('2024-02-28T15:00:00Z'))).toBe('2024-02-29 00:00:00');
    expect(formatKst(Date.parse('2025-06-30T14:59:59.999Z'))).toBe('2025-06-30 23:59:59');
  });

  it('agrees with the time-zone database for Asia/Seoul and Asia/Shanghai at any moment since 1992', () => {
    fc.assert(
      fc.property(since1992, (t) => {
        expect(formatKst(t)).toBe(intlWallClock(t, 'Asia/Seoul'));
        expect(formatWallClock(t, CST_OFFSET_MINUTES)).toBe(intlWallClock(t, 'Asia/Shanghai'));
      }),
      { numRuns: 3000 },
    );
  });

  it("does not depend on the host's time zone", () => {
    const saved = process.env.TZ;
    const t = Date.parse('2025-12-31T15:30:00Z');
    try {
      for (const tz of ['America/Los_Angeles', 'Asia/Kolkata', 'UTC']) {
        process.env.TZ = tz;
        expect(formatKst(t)).toBe('2026-01-01 00:30:00');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('parses back what it writes, to the second, at any offset', () => {
    fc.assert(
      fc.property(since1992, fc.integer({ min: -12 * 60, max: 14 * 60 }), (t, offset) => {
        expect(parseWallClock(formatWallClock(t, offset), offset)).toBe(Math.floor(t / 1000) * 1000);
      }),
      { numRuns: 3000 },
    );
  });

  it('labels offsets as Hive wants them', () => {
    expect(gmtOffsetLabel(KST_OFFSET_MINUTES)).toBe('GMT+09:00');
    expect(gmtOffsetLabel(0)).toBe('GMT+00:00');
    expect(gmtOffsetLabel(-330)).toBe('GMT-05:30');
    expect(gmtOffsetLabel(345)).toBe('GMT+05:45');
  });

  it('gives the calendar day at an offset', () => {
    const t = Date.parse('2025-12-31T16:30:00Z');
    expect(formatDay(t, CST_OFFSET_MINUTES)).toBe('2026-01-01');
    expect(formatDay(t, 0)).toBe('2025-12-31');
  });

  it('refuses what is not a time', () => {
    expect(() => formatKst(Number.NaN)).toThrow(RangeError);
    expect(() => parseWallClock('2025-13-01', 0)).toThrow(RangeError);
  });
});
