import { isKnownCurrency as clientKnows } from '../../../src/client/currency-codes';
import { isKnownCurrency as sharedKnows } from '../../../src/shared/money/currencies';

describe("the client's copy of the known currency codes", () => {
  it('agrees with the shared list on every three-letter code, and refuses other strings', () => {
    const A = 'A'.charCodeAt(0);
    let known = 0;
    for (let i = 0; i < 26 ** 3; i++) {
      const code = String.fromCharCode(A + Math.floor(i / 676), A + (Math.floor(i / 26) % 26), A + (i % 26));
      expect(clientKnows(code)).toBe(sharedKnows(code));
      if (clientKnows(code)) known++;
    }
    expect(known).toBeGreaterThan(60);
    for (const s of ['', 'usd', 'US', 'USDX', ' USD', 'USD ', 'CNY ']) expect(clientKnows(s)).toBe(false);
  });
});
