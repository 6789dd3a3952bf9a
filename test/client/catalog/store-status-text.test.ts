import { storeStatusText } from '../../../src/client/catalog/store-item-texts';

const base = { status: 'ready' as const, error: null, lastResult: null, view: { stale: false } };

describe('storeStatusText', () => {
  it('is empty for a ready, fresh store outside the sandbox', () => {
    expect(storeStatusText(base, false)).toBe('');
  });
  it('says loading, unavailable with the reason, the last result, stale prices and the sandbox', () => {
    expect(storeStatusText({ ...base, status: 'loading', view: null }, false)).toBe('Loading…');
    expect(storeStatusText({ ...base, status: 'unavailable', error: 'offline and no cached catalog', view: null }, false)).toBe(
      'Store unavailable: offline and no cached catalog',
    );
    expect(storeStatusText({ ...base, lastResult: { message: 'Paid ¥9.99' }, view: { stale: true } }, true)).toBe(
      'Paid ¥9.99 · Prices may be out of date · SANDBOX: no real money is charged',
    );
  });
});
