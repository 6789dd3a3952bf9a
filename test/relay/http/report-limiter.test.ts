import { createReportLimiter } from '../../../src/relay/http/report-limiter';

const LIMITS = { reportsPerPlayerPerMinute: 10, reportsPerPlayerPerDay: 30, reportsPerGamePerMinute: 25 };
const T0 = 1_000_000_000;

describe('report limiter (counts reports, not requests)', () => {
  it('takes a batch from the player minute bucket and refuses the report past it, naming the limit', () => {
    const l = createReportLimiter(LIMITS);
    expect(l.take('app', 'u1', 6, T0)).toEqual({ ok: true });
    expect(l.take('app', 'u1', 4, T0)).toEqual({ ok: true });
    expect(l.take('app', 'u1', 1, T0)).toEqual({ ok: false, limit: 'reportsPerPlayerPerMinute', retryAfterSeconds: 6 });
    // 10 a minute: one more report after 6 s.
    expect(l.take('app', 'u1', 1, T0 + 6000)).toEqual({ ok: true });
    expect(l.take('app', 'u2', 10, T0)).toEqual({ ok: true });
  });

  it('lets a full bucket take one batch larger than the limit, so a long offline queue drains instead of sticking', () => {
    const l = createReportLimiter(LIMITS);
    expect(l.take('app', 'u1', 25, T0)).toEqual({ ok: true });
    // ... and the debt is paid before anything else of that player lands: 15 over + 1 at 10 a minute = 96 s.
    expect(l.take('app', 'u1', 1, T0 + 60_000)).toMatchObject({ ok: false, limit: 'reportsPerPlayerPerMinute', retryAfterSeconds: 36 });
    expect(l.take('app', 'u1', 1, T0 + 96_000)).toEqual({ ok: true });
  });

  it('bounds a player per day and a game per minute, taking from no bucket when one refuses', () => {
    const l = createReportLimiter(LIMITS);
    for (let m = 0; m < 3; m++) expect(l.take('app', 'whale', 10, T0 + m * 60_000)).toEqual({ ok: true });
    const day = l.take('app', 'whale', 1, T0 + 3 * 60_000);
    expect(day).toMatchObject({ ok: false, limit: 'reportsPerPlayerPerDay' });
    expect((day as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(60);

    const g = createReportLimiter(LIMITS);
    expect(g.take('app', 'a', 10, T0)).toEqual({ ok: true });
    expect(g.take('app', 'b', 10, T0)).toEqual({ ok: true });
    expect(g.take('app', 'c', 10, T0)).toMatchObject({ ok: false, limit: 'reportsPerGamePerMinute' });
    // The refused request took nothing from c's own buckets, and another game has its own budget.
    expect(g.take('app', 'c', 5, T0)).toEqual({ ok: true });
    expect(g.take('other', 'c', 10, T0)).toEqual({ ok: true });
  });

  it('gives back reports that were not stored (duplicates, conflicts, a failed commit)', () => {
    const l = createReportLimiter(LIMITS);
    expect(l.take('app', 'u1', 10, T0)).toEqual({ ok: true });
    l.giveBack('app', 'u1', 10, T0);
    expect(l.take('app', 'u1', 10, T0)).toEqual({ ok: true });
    // Never above the limit.
    l.giveBack('app', 'u1', 50, T0);
    expect(l.take('app', 'u1', 10, T0)).toEqual({ ok: true });
    expect(l.take('app', 'u1', 1, T0).ok).toBe(false);
  });

  it('keeps at most maxPlayers players in memory however many send', () => {
    const l = createReportLimiter(LIMITS, { maxPlayers: 1000 });
    for (let i = 0; i < 50_000; i++) l.take('app', `p${i}`, 1, T0 + i);
    expect(l.trackedPlayers).toBeLessThanOrEqual(1000);
    // The most recent players are the ones remembered.
    for (let i = 0; i < 9; i++) l.take('app', 'p49999', 1, T0 + 50_000);
    expect(l.take('app', 'p49999', 1, T0 + 50_000).ok).toBe(false);
  });
});
