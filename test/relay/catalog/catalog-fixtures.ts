import sample from '../../../src/relay/demo/sample-catalog.json';

/** The spec page's own example, as the demo serves it. */
export function specSample(): unknown {
  return JSON.parse(JSON.stringify(sample));
}

/** A hand-made answer with every oddity the spec README warns about, and a few more real servers produce. */
export function oddCatalog(): unknown {
  return {
    code: '200',
    msg: 'SUCCESS',
    extraTopLevel: { anything: true },
    data: {
      creditPage: {
        purchaseList: [
          // originPrice (the subscriptions' spelling) on a pack, a discount type, a cycle, numbers as strings
          { id: '7', price: '4999', originPrice: 9999, amount: 3000, giftAmount: 300, productId: 'p.sale', type: 7, cycle: 3, limitBuy: 0 },
          // unknown type code, no originalPrice at all, no giftAmount, extra fields
          { id: 8, price: 999, amount: 500, productId: 'p.unknown-type', type: 42, shinyNewField: [1, 2] },
          // first charge, limited, already bought once by this udid
          { id: 9, price: 600, amount: 300, giftAmount: 300, productId: 'p.first', type: 1, limitBuy: 1, purchaseCount: 1, originalPrice: 1200 },
          // broken: no productId
          { id: 10, price: 100, amount: 10 },
          // broken: negative price
          { id: 11, price: -5, productId: 'p.negative' },
          // hidden
          { id: 12, price: 100, productId: 'p.hidden', isShow: 0 },
          // duplicate product id: the first one wins
          { id: 13, price: 1, productId: 'p.sale' },
          // not even an object
          'garbage',
          // same price as p.unknown-type, more diamonds: sorts first at that price
          { id: 14, price: 999, amount: 600, giftAmount: 0, productId: 'p.more', type: 3, originalPrice: 0 },
          // a currency of its own
          { id: 15, price: 1200, amount: 100, productId: 'p.krw', currency: 'krw', type: 4 },
          // a currency nobody knows
          { id: 16, price: 1200, amount: 100, productId: 'p.bad-currency', currency: 'ZZZ' },
        ],
        subscribeList: [
          // monthly via cycle, no averages at all, unknown type, originalPrice (the packs' spelling)
          { id: 1, price: 1999, originalPrice: 2999, productId: 's.month', type: 77, cycle: 2, group: 1, amount: 100 },
          // period only from its label, averages sent as floats
          { id: 2, price: 4999, originPrice: 4999, productId: 's.year', type: 8, subscriptionPeriod: 'Annual plan', averagePriceWeek: 95.9, averagePriceDay: 13.7, group: 1 },
          // no period at all
          { id: 3, price: 299, productId: 's.mystery', type: 9 },
        ],
      },
      discountPage: { discount: { price: 'not a number', productId: 'd.broken' } },
      secretPage: {},
      subscribePage: {
        trial: { id: 5, price: 0, originPrice: 999, productId: 't.trial', freeTryDays: 7, subscriptionPeriod: 'First week', purchaseCount: 1 },
        weekly: { id: 6, price: 799, productId: 'w.weekly' },
        // yearly page missing entirely
      },
    },
  };
}
