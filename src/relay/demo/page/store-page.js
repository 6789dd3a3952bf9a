/* The demo store page. Everything it shows comes from the client runtime (global MinigamePurchase, bundled from
 * src/client): the kit on the `web` platform, the store controller and the view model. This file only draws. */
(function () {
  'use strict';
  var MP = window.MinigamePurchase;
  var appId = document.body.getAttribute('data-app-id');
  var $ = function (id) { return document.getElementById(id); };
  var known = {}; // orderId -> what was bought, for the deliveries panel
  var verified = document.body.getAttribute('data-revenue') === 'verified';

  // The demo's sandbox WeChat: once the sheet is paid, the demo server pushes the payment to the relay, signed as
  // WeChat signs it. Only the order id goes: the push carries the order's amount as the relay stored it.
  function sandboxWechatPaid(orderId) {
    if (!verified) return;
    fetch('/demo/api/paid', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orderId: orderId }) })
      .then(function () { return refreshDeliveries(); })
      .catch(function () { /* the panel shows the order unverified */ });
  }

  // The sandbox payment sheet: the web platform asks this page to decide, and the page asks the player.
  function sandboxDecision(req) {
    return new Promise(function (resolve) {
      $('sheet-what').textContent = 'Pay ' + MP.formatPrice(req.amount, req.currency) + ' for ' + (req.name || req.productId) + '?';
      $('sheet').hidden = false;
      function done(answer) {
        $('sheet').hidden = true;
        $('sheet-pay').onclick = $('sheet-cancel').onclick = null;
        resolve(answer);
      }
      $('sheet-pay').onclick = function () { done('paid'); sandboxWechatPaid(req.orderId); };
      $('sheet-cancel').onclick = function () { done('cancelled'); };
    });
  }

  var kit = MP.createPurchaseKit({
    relayUrl: location.origin,
    appId: appId,
    platform: MP.createWebPlatform({ sandboxDecision: sandboxDecision }),
    gameContext: { country: 'CN', serverId: 'CN', zone: 'demo', level: 1 },
  });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // One currency per store: this one sells in CNY, as a Chinese store does. The demo's catalog says so
  // (`data.currency: "CNY"`; the spec's sample prices subscriptions in US cents), and the controller leaves out
  // anything priced otherwise (option `currency`), so ¥ and $ never meet in one store.
  var CURRENCY = 'CNY';

  function card(view, kindText, onBuy, titlePrefix) {
    var t = MP.storeItemTexts(view);
    if (titlePrefix) t.title = titlePrefix + ': ' + t.title;
    var c = el('div', 'card' + (view.kind === 'subscription' ? ' sub' : ''));
    c.setAttribute('data-product-id', view.productId);
    if (t.badge) c.appendChild(el('span', 'badge', t.badge));
    c.appendChild(el('div', 'kind', kindText));
    c.appendChild(el('div', 'title', t.title));
    var prices = el('div', 'prices');
    prices.appendChild(el('span', 'price', t.price));
    if (t.originalPrice) prices.appendChild(el('span', 'original', t.originalPrice));
    c.appendChild(prices);
    c.appendChild(el('div', 'detail', t.detail));
    var b = el('button', 'buy', t.buyText);
    b.disabled = !t.buyEnabled;
    b.onclick = function () { onBuy(view); };
    c.appendChild(b);
    return c;
  }

  function fill(container, items, kindOf, onBuy) {
    container.textContent = '';
    items.forEach(function (v) { container.appendChild(card(v, kindOf(v), onBuy)); });
    if (!items.length) container.appendChild(el('p', 'empty', 'None in this catalog.'));
  }

  var controller = MP.createStoreController(kit, {
    currency: CURRENCY,
    onState: function (state, viewChanged) {
      $('status').textContent = MP.storeStatusText(state, true);
      if (!state.view || !viewChanged) return;
      var v = state.view;
      var buy = function (view) {
        controller.tap(view.productId).then(function (r) {
          if (r && r.orderId) known[r.orderId] = { text: MP.storeItemTexts(view).title + ' · ' + view.priceText, status: r.status };
          refreshDeliveries();
        });
      };
      fill($('packs'), v.packs, function () { return 'Pack'; }, buy);
      fill($('subscriptions'), v.subscriptions, function () { return 'Subscription'; }, buy);
      var pages = [['Discount', v.pages.discount], ['Secret offer', v.pages.secret], ['Free trial', v.pages.trial], ['Weekly', v.pages.weekly], ['Yearly', v.pages.yearly]]
        .filter(function (p) { return p[1]; });
      $('pages').textContent = '';
      // Each offer titled by its page: the sample's offers are all "250 diamonds".
      pages.forEach(function (p) { $('pages').appendChild(card(p[1], p[0], buy, p[0])); });
      if (!pages.length) $('pages').appendChild(el('p', 'empty', 'None in ' + CURRENCY + '.'));
    },
  });

  var SINK_NAMES = { tianmu: 'Tianmu', hive: 'Hive', kakao: 'Kakao' };

  function renderDeliveries(purchases) {
    var box = $('deliveries');
    if (!purchases.length) return;
    box.textContent = '';
    purchases.forEach(function (p) {
      var d = el('div', 'delivery');
      d.setAttribute('data-order-id', p.orderId);
      d.appendChild(el('div', 'what', (known[p.orderId] && known[p.orderId].text) || 'purchase'));
      d.appendChild(el('div', 'order', p.orderId));
      d.appendChild(steps(p));
      var sinks = el('div', 'sinks');
      Object.keys(SINK_NAMES).forEach(function (name) {
        var s = p.sinks[name];
        var cell = el('div', 'sink ' + s.status);
        cell.setAttribute('data-sink', name);
        cell.setAttribute('data-status', s.status);
        cell.appendChild(el('b', null, SINK_NAMES[name]));
        cell.appendChild(el('span', null, s.status === 'delivered' ? '✓ captured' : s.status === 'dead' ? '✗ ' + (s.lastError || 'dead') : s.status));
        sinks.appendChild(cell);
      });
      d.appendChild(sinks);
      Object.keys(SINK_NAMES).forEach(function (name) {
        var cap = p.sinks[name].captured;
        if (!cap) return;
        var det = el('details');
        det.appendChild(el('summary', null, SINK_NAMES[name] + ' request: ' + cap.method + ' ' + cap.url));
        var body = cap.body;
        if (typeof body === 'string') { try { body = JSON.parse(body); } catch (e) { /* shown as sent */ } }
        det.appendChild(el('pre', null, typeof body === 'string' ? body : JSON.stringify(body, null, 1)));
        d.appendChild(det);
      });
      box.appendChild(d);
    });
  }

  // paid (the client's result) → verified (the platform's proof: the order is `paid`) → delivered (every sink).
  function steps(p) {
    var v = p.verification;
    var k = known[p.orderId];
    var paid = (k && k.status === 'paid') || (v && (v.claimed || v.state === 'paid'));
    var proven = v && v.state === 'paid' && v.proof;
    var delivered = Object.keys(SINK_NAMES).every(function (n) { return p.sinks[n].status === 'delivered'; });
    var list = [
      ['paid', paid, paid ? 'paid' : 'not paid'],
      ['verified', proven, !v ? 'reported (no proof)' : proven ? 'verified ' + MP.formatPrice(v.proof.amount, v.proof.currency) + ' by ' + v.proof.source : v.state === 'pending' ? 'verifying…' : v.state],
      ['delivered', delivered, delivered ? 'delivered' : 'delivering…'],
    ];
    var box = el('div', 'steps');
    list.forEach(function (s, i) {
      if (i) box.appendChild(el('span', 'arrow', '→'));
      var step = el('span', 'step' + (s[1] ? ' done' : ''), (s[1] ? '✓ ' : '') + s[2]);
      step.setAttribute('data-step', s[0]);
      step.setAttribute('data-done', s[1] ? 'true' : 'false');
      box.appendChild(step);
    });
    return box;
  }

  function refreshDeliveries() {
    return fetch('/demo/api/deliveries', { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (j) { renderDeliveries(j.purchases || []); })
      .catch(function () { /* the next poll tries again */ });
  }

  kit.login()
    .catch(function (e) { $('status').textContent = 'Login failed: ' + e.message; })
    .then(function () { return controller.load(); });
  refreshDeliveries();
  setInterval(refreshDeliveries, 1000);
})();
