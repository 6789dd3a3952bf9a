/* minigame-purchase client runtime (es); generated from src/client, do not edit */
/** Small helpers several client files share (the bundle carries each once). */
/** `fn()`, or undefined when it throws: for host calls that are best effort (facts, listeners, hooks). */
function attempt(fn) {
    try {
        return fn();
    }
    catch (_a) {
        return undefined;
    }
}
/** Deletes the keys whose value is undefined, so a report or a fact set carries only what is known. */
function dropUndefined(o) {
    for (const k of Object.keys(o))
        if (o[k] === undefined)
            delete o[k];
    return o;
}
/** What went wrong, as text: a platform fail result's `errMsg`, an Error's `message`, else the thrown value. */
function errorText(e) {
    const o = e;
    return String((o && (o.errMsg || o.message)) || e);
}
/** The relay's `{error: {code, message, field?}}` as `field: message`, or undefined when the body is not one. */
function relayErrorText(body) {
    const e = body === null || body === void 0 ? void 0 : body.error;
    if (!e || typeof e.message !== 'string')
        return undefined;
    return typeof e.field === 'string' ? `${e.field}: ${e.message}` : e.message;
}

/**
 * Device facts from the current APIs, falling back to `getSystemInfoSync` for whatever they could not give.
 * Never throws: a broken API just leaves its fields out.
 */
function collectDeviceFacts(api) {
    var _a;
    const device = call(api.getDeviceInfo);
    const base = call(api.getAppBaseInfo);
    const legacy = !device || !base ? call(api.getSystemInfoSync) : undefined;
    const d = device || legacy || {};
    const b = base || legacy || {};
    const platform = (_a = str$1(d.platform, 32)) === null || _a === void 0 ? void 0 : _a.toLowerCase();
    const facts = {
        type: platform === 'ios' ? 2 : platform === 'android' ? 3 : 1,
        brand: str$1(d.brand, 64),
        model: str$1(d.model, 128),
        os: platform,
        osVersion: str$1(osVersion(d.system), 64),
        language: str$1(b.language, 32),
        platformVersion: str$1(b.SDKVersion, 64),
    };
    return { facts: dropUndefined(facts), platform };
}
function call(fn) {
    const v = typeof fn === 'function' ? attempt(fn) : undefined;
    return v && typeof v === 'object' ? v : undefined;
}
/** "iOS 10.0.1" → "10.0.1", "Android 10" → "10". */
function osVersion(system) {
    if (typeof system !== 'string')
        return undefined;
    const m = /(\d[\w.]*)/.exec(system);
    return m ? m[1] : system;
}
function str$1(v, max) {
    return typeof v === 'string' && v ? v.slice(0, max) : undefined;
}

class PurchaseError extends Error {
    constructor(code, message, 
    /** The platform's raw code (e.g. `wx.requestMidasPayment` fail `errCode`), when there was one. */
    errCode) {
        super(message);
        this.code = code;
        this.errCode = errCode;
        this.name = 'PurchaseError';
    }
}
class PaymentInProgressError extends PurchaseError {
    constructor(message = 'another purchase is in progress', errCode) {
        super('PAYMENT_IN_PROGRESS', message, errCode);
        this.name = 'PaymentInProgressError';
    }
}
/**
 * The platform refused or failed the payment. `code` says why when the platform's table does (`SESSION_STALE`: the
 * relay's copy of the WeChat session_key expired, the kit logs in again before the next order; `BAD_SIGNATURE` /
 * `PRICE_MISMATCH`: the relay's signing or the console's item price is wrong; `ORDER_CLOSED`: make a new order).
 */
class PaymentFailedError extends PurchaseError {
    constructor(message, errCode, code = 'PAYMENT_FAILED') {
        super(code, message, errCode);
        this.name = 'PaymentFailedError';
    }
}
/**
 * No order could be made for this product, so no sheet opened and nothing was stored. `reason` is the relay's code
 * (`UNKNOWN_PRODUCT`, `PRICE_NOT_PAYABLE`, ...); the client gives `PRICE_NOT_PAYABLE` itself for a price that is
 * not a whole number of game coins.
 */
class OrderRefusedError extends PurchaseError {
    constructor(reason, message, field) {
        super('ORDER_REFUSED', message);
        this.reason = reason;
        this.field = field;
        this.name = 'OrderRefusedError';
    }
}
class PlatformCannotPayError extends PurchaseError {
    constructor(message, errCode) {
        super('PLATFORM_CANNOT_PAY', message, errCode);
        this.name = 'PlatformCannotPayError';
    }
}
class NetworkError extends PurchaseError {
    constructor(message, errCode) {
        super('NETWORK', message, errCode);
        this.name = 'NetworkError';
    }
}
/** The relay answered `rejected` (or 400) for a report: it is kept aside in storage, never resent blindly. */
class RelayRejectedError extends PurchaseError {
    constructor(message, orderId) {
        super('RELAY_REJECTED', message);
        this.orderId = orderId;
        this.name = 'RelayRejectedError';
    }
}
/** The relay answered something the client cannot use (5xx, garbage, an unexpected status). */
class RelayError extends PurchaseError {
    constructor(message, status) {
        super('RELAY_ERROR', message);
        this.status = status;
        this.name = 'RelayError';
    }
}
class StorageFullError extends PurchaseError {
    constructor(message = 'platform storage is full: the purchase record could not be written', errCode) {
        super('STORAGE_FULL', message, errCode);
        this.name = 'StorageFullError';
    }
}
class InvalidReportError extends PurchaseError {
    constructor(message, field) {
        super('INVALID_REPORT', message);
        this.field = field;
        this.name = 'InvalidReportError';
    }
}

/**
 * Order ids valid both as a WeChat `outTradeNo` (at most 32 chars of `[0-9A-Za-z_\-|*]`, not starting with `_`)
 * and as the shared ORDER_ID_PATTERN (`[A-Za-z0-9_-]{1,64}`): 32 base62 chars, a time prefix (so ids sort by
 * creation and two devices colliding would also need the same millisecond) and 24 random chars (~143 bits).
 */
/** `0-9A-Za-z`, in code order so ids sort as their times do; computed, as 62 literal letters barely compress. */
let ALPHABET = '';
for (let i = 0; i < 62; i++)
    ALPHABET += String.fromCharCode(i + (i < 10 ? 48 : i < 36 ? 55 : 61));
const ORDER_ID_LENGTH = 32;
function createOrderId(now, random) {
    let time = '';
    let t = Math.floor(now);
    for (let i = 0; i < 8; i++) {
        time = ALPHABET[t % 62] + time;
        t = Math.floor(t / 62);
    }
    let rest = '';
    while (rest.length < ORDER_ID_LENGTH - 8)
        rest += ALPHABET[Math.floor(random() * 62) % 62];
    return time + rest;
}

function createMinigamePlatform(spec) {
    const { api } = spec;
    const clock = spec.clock || defaultClock();
    let facts;
    const getFacts = () => (facts || (facts = collectDeviceFacts(api)));
    let netType;
    let connected = true;
    let scene;
    const showListeners = [];
    const returnListeners = [];
    guard(() => api.getNetworkType({
        success(r) {
            netType = r.networkType;
            connected = r.networkType !== 'none';
        },
    }));
    guard(() => api.onNetworkStatusChange((r) => {
        const back = !connected && r.isConnected;
        connected = r.isConnected;
        netType = r.networkType;
        if (back)
            fire(returnListeners);
    }));
    guard(() => {
        const s = api.getLaunchOptionsSync().scene;
        if (s !== undefined)
            scene = String(s);
    });
    guard(() => api.onShow((r) => {
        if (r && r.scene !== undefined)
            scene = String(r.scene);
        fire(showListeners);
    }));
    const storage = {
        get(key) {
            const v = api.getStorageSync(key);
            return typeof v === 'string' && v !== '' ? v : undefined;
        },
        set(key, value) {
            try {
                api.setStorageSync(key, value);
            }
            catch (e) {
                throw new StorageFullError(`setStorageSync failed: ${errorText(e)}`);
            }
        },
        remove(key) {
            api.removeStorageSync(key);
        },
        // Throws on a host without the call: the order store's sweep is best effort.
        keys: () => api.getStorageInfoSync().keys,
    };
    return {
        name: spec.name,
        storage,
        clock,
        payment: spec.payment(getFacts),
        request: (req) => request(api, req),
        login: () => new Promise((resolve, reject) => api.login({ success: (r) => resolve(r.code), fail: (e) => reject(new Error(e.errMsg)) })),
        deviceFacts: () => getFacts().facts,
        networkType: () => netType,
        scene: () => scene,
        onShow: (fn) => listen(showListeners, fn),
        onNetworkReturn: (fn) => listen(returnListeners, fn),
        hookPayments(hooks) {
            const undo = spec.hookable.map((c) => wrapPaymentCall(api, c, hooks, clock));
            return () => undo.forEach((u) => u());
        },
    };
}
function request(api, req) {
    return new Promise((resolve, reject) => {
        api.request({
            url: req.url,
            method: req.method,
            data: req.body,
            header: Object.assign({ 'content-type': 'application/json' }, req.headers),
            timeout: req.timeoutMs,
            dataType: 'json',
            success: (r) => resolve({ status: r.statusCode, body: r.data }),
            fail: (e) => reject(new Error(e.errMsg)),
        });
    });
}
/**
 * Wraps `api[method]` so a payment the game starts itself is recorded, with the game's options, callbacks and
 * return value untouched: the hooks run first (guarded), then the game's own callbacks with their own `this`.
 */
function wrapPaymentCall(api, call, hooks, clock) {
    const original = api[call.method];
    if (typeof original !== 'function')
        return () => undefined;
    const newId = () => hookOrderId(clock);
    const wrapped = function (...args) {
        const options = args[0];
        const opts = options && typeof options === 'object' ? Object.assign({}, options) : undefined;
        const info = opts ? guard(() => call.describe(opts, newId)) : undefined;
        if (!opts || !info)
            return original.apply(this, args);
        guard(() => hooks.willPay(info));
        const done = (o) => guard(() => hooks.didPay(info.orderId, o));
        const success = opts.success;
        const fail = opts.fail;
        if (!success && !fail && !opts.complete) {
            // Promise style: the game gets the very promise the platform returned.
            const ret = original.call(this, opts);
            if (ret && typeof ret.then === 'function') {
                ret.then(() => done({ status: 'paid' }), (e) => done(failure(e)));
            }
            return ret;
        }
        opts.success = function (res) {
            done({ status: 'paid' });
            return success === null || success === void 0 ? void 0 : success.call(this, res);
        };
        opts.fail = function (res) {
            done(failure(res));
            return fail === null || fail === void 0 ? void 0 : fail.call(this, res);
        };
        return original.call(this, opts);
    };
    api[call.method] = wrapped;
    return () => {
        if (api[call.method] === wrapped)
            api[call.method] = original;
    };
}
/** A fail result as an outcome; the kit decides cancel vs failure from `errCode` with the platform's table. */
function failure(e) {
    return { status: 'failed', errCode: typeof (e === null || e === void 0 ? void 0 : e.errCode) === 'number' ? e.errCode : undefined, errMsg: e === null || e === void 0 ? void 0 : e.errMsg };
}
function hookOrderId(clock) {
    return createOrderId(clock.now(), clock.random);
}
function listen(list, fn) {
    list.push(fn);
    return () => {
        const i = list.indexOf(fn);
        if (i >= 0)
            list.splice(i, 1);
    };
}
function fire(list) {
    for (const fn of list.slice())
        guard(fn);
}
const guard = attempt;
/** Timers and randomness of the host; crypto.getRandomValues when the runtime has it. */
function defaultClock() {
    const g = (typeof globalThis !== 'undefined' ? globalThis : {});
    const buf = new Uint32Array(1);
    const random = g.crypto && typeof g.crypto.getRandomValues === 'function'
        ? () => (g.crypto.getRandomValues(buf), buf[0] / 4294967296)
        : Math.random;
    return {
        now: () => Date.now(),
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (h) => clearTimeout(h),
        random,
    };
}

/**
 * A payment sheet driven by a callback-style platform call (`requestMidasPayment`, `requestGamePayment`). Midas and
 * Douyin game payment accept `platform: 'android'` only, so an iOS device is told before any sheet opens, unless
 * `askIos` can ask the platform (WeChat's `checkIsSupportMidasPayment`): then iOS pays when the platform says so.
 */
function createSheetPayment(label, facts, open, askIos) {
    const iosRefusal = `${label} is not available on this iOS device`;
    let iosAllowed;
    const cannotPayReason = () => {
        if (!open)
            return `${label} is not available in this base library`;
        if (facts().platform !== 'ios')
            return undefined;
        return !askIos || iosAllowed === false ? iosRefusal : undefined;
    };
    return {
        coins: true,
        cannotPayReason,
        checkPayable() {
            const known = cannotPayReason();
            if (known || !askIos || facts().platform !== 'ios')
                return Promise.resolve(known);
            return new Promise((resolve) => {
                const answer = (allowed) => {
                    iosAllowed = allowed;
                    resolve(allowed ? undefined : iosRefusal);
                };
                try {
                    askIos(answer);
                }
                catch (_a) {
                    answer(false);
                }
            });
        },
        pay(req) {
            return new Promise((resolve) => {
                try {
                    const success = () => {
                        var _a;
                        try {
                            (_a = req.onPaid) === null || _a === void 0 ? void 0 : _a.call(req);
                        }
                        finally {
                            resolve({ status: 'paid' });
                        }
                    };
                    open(req, { success, fail: (e) => resolve(failure(e)) });
                }
                catch (e) {
                    resolve({ status: 'failed', errMsg: errorText(e) });
                }
            });
        },
    };
}
/** `requestMidasPayment` options (WeChat and QQ take the same): game currency, CNY, Android, our order id. */
function midasOptions(req, pay, cb) {
    var _a, _b, _c;
    return {
        mode: 'game',
        env: (_a = pay.env) !== null && _a !== void 0 ? _a : 0,
        offerId: (_b = pay.offerId) !== null && _b !== void 0 ? _b : '',
        currencyType: 'CNY',
        platform: 'android',
        buyQuantity: req.quantity,
        zoneId: (_c = pay.zoneId) !== null && _c !== void 0 ? _c : '1',
        outTradeNo: req.orderId,
        success: cb.success,
        fail: cb.fail,
    };
}
/** autoHook of `requestMidasPayment` (WeChat and QQ). */
const MIDAS_CALL = {
    method: 'requestMidasPayment',
    describe(o, newId) {
        // Without an outTradeNo the platform would invent one we cannot see; give the call one so the report can name it.
        if (typeof o.outTradeNo !== 'string' || !o.outTradeNo)
            o.outTradeNo = newId();
        return {
            orderId: o.outTradeNo,
            quantity: Number(o.buyQuantity) || 0,
            currency: typeof o.currencyType === 'string' ? o.currencyType : 'CNY',
        };
    },
};

/// <reference path="../../../typings/wx-virtual-payment.d.ts" />
function wxAvailable() {
    return typeof wx !== 'undefined' && !!wx && typeof wx.request === 'function';
}
function createWxPlatform(opts = {}) {
    const api = opts.api || wx;
    const pay = opts.payment || {};
    return createMinigamePlatform({
        name: 'wx',
        api,
        clock: opts.clock,
        payment: (facts) => createSheetPayment('WeChat Midas payment', facts, typeof api.requestMidasPayment === 'function' ? (req, cb) => openSheet$1(api, req, pay, cb) : undefined, 
        // iOS pays when WeChat says so (iOS >= 15, WeChat >= 8.0.68, base library >= 3.10.3); without the call it cannot.
        typeof api.checkIsSupportMidasPayment === 'function'
            ? (answer) => api.checkIsSupportMidasPayment({
                success: (r) => answer(!!(r && r.data && r.data.allow_pay)),
                fail: () => answer(false),
            })
            : undefined),
        hookable: WX_PAYMENT_CALLS,
    });
}
/** The relay's signed payment goes to the call it names with exactly its values; otherwise our own coins order. */
function openSheet$1(api, req, pay, cb) {
    const p = req.relayPayment;
    if (!p)
        return api.requestMidasPayment(midasOptions(req, pay, cb));
    // A base library without the call throws here: the sheet fails with that message, nothing was charged.
    if (p.api === 'requestMidasPaymentGameItem') {
        return api.requestMidasPaymentGameItem(Object.assign({ signData: p.signData, paySig: p.paySig, signature: p.signature }, cb));
    }
    if (!('outTradeNo' in p))
        throw new Error(`the relay made a ${p.api} order of another platform`);
    const { mode, env, offerId, currencyType, platform, buyQuantity, zoneId, outTradeNo } = p;
    api.requestMidasPayment(Object.assign({ mode, env, offerId, currencyType, platform, buyQuantity, zoneId, outTradeNo }, cb));
}
/** The WeChat payment calls autoHook wraps, and how each names its order. */
const WX_PAYMENT_CALLS = [
    MIDAS_CALL,
    { method: 'requestMidasPaymentGameItem', describe: fromSignData },
    { method: 'requestVirtualPayment', describe: fromSignData },
];
/** Item purchases carry a server-signed `signData`: read it, never change it (the signature covers it). */
function fromSignData(o) {
    let d;
    try {
        d = (typeof o.signData === 'string' ? JSON.parse(o.signData) : o.signData);
    }
    catch (_a) {
        return undefined;
    }
    if (!d || typeof d.outTradeNo !== 'string')
        return undefined;
    const quantity = Number(d.buyQuantity) || 1;
    return {
        orderId: d.outTradeNo,
        quantity,
        currency: typeof d.currencyType === 'string' ? d.currencyType : 'CNY',
        productId: typeof d.productId === 'string' ? d.productId : undefined,
        amount: typeof d.goodsPrice === 'number' ? d.goodsPrice * quantity : undefined,
    };
}

/// <reference path="../../../typings/qq.d.ts" />
function qqAvailable() {
    return typeof qq !== 'undefined' && !!qq && typeof qq.request === 'function';
}
function createQqPlatform(opts = {}) {
    const api = opts.api || qq;
    const pay = opts.payment || {};
    return createMinigamePlatform({
        name: 'qq',
        api,
        clock: opts.clock,
        payment: (facts) => createSheetPayment('QQ Midas payment', facts, typeof api.requestMidasPayment === 'function' ? (req, cb) => openSheet(api, req, pay, cb) : undefined),
        hookable: QQ_PAYMENT_CALLS,
    });
}
/** The relay's order pays with its `prepayId` (QQ needs a server prepay); otherwise our own coins order. */
function openSheet(api, req, pay, cb) {
    const p = req.relayPayment;
    if (!p)
        return api.requestMidasPayment(midasOptions(req, pay, cb));
    if (!('prepayId' in p))
        throw new Error(`the relay made a ${p.api} order of another platform`);
    api.requestMidasPayment(Object.assign({ prepayId: p.prepayId, starCurrency: p.starCurrency, setEnv: p.setEnv }, cb));
}
const QQ_PAYMENT_CALLS = [MIDAS_CALL];

/// <reference path="../../../typings/tt.d.ts" />
function ttAvailable() {
    return typeof tt !== 'undefined' && !!tt && typeof tt.request === 'function';
}
function createTtPlatform(opts = {}) {
    const api = opts.api || tt;
    const pay = opts.payment || {};
    return createMinigamePlatform({
        name: 'tt',
        api,
        clock: opts.clock,
        payment: (facts) => createSheetPayment('Douyin game payment', facts, typeof api.requestGamePayment === 'function' ? (req, cb) => api.requestGamePayment(gamePaymentOptions(req, pay, cb)) : undefined),
        hookable: TT_PAYMENT_CALLS,
    });
}
/** The relay's order as it made it (`customId` is its order id); otherwise our own coins order. */
function gamePaymentOptions(req, pay, cb) {
    var _a;
    const p = req.relayPayment;
    if (!p) {
        return Object.assign({ mode: 'game', env: 0, currencyType: 'CNY', platform: 'android', buyQuantity: req.quantity, zoneId: (_a = pay.zoneId) !== null && _a !== void 0 ? _a : '1', customId: req.orderId }, cb);
    }
    if (p.api !== 'requestGamePayment')
        throw new Error(`the relay made a ${p.api} order of another platform`);
    const { mode, env, currencyType, platform, buyQuantity, zoneId, customId, extraInfo, goodType, orderAmount } = p;
    const o = Object.assign({ mode, env, currencyType, platform, buyQuantity, zoneId, customId }, cb);
    // Optional fields only when the relay sent them: an older base library may refuse keys it does not know.
    if (extraInfo !== undefined)
        o.extraInfo = extraInfo;
    if (goodType !== undefined)
        o.goodType = goodType;
    if (orderAmount !== undefined)
        o.orderAmount = orderAmount;
    return o;
}
const TT_PAYMENT_CALLS = [
    {
        method: 'requestGamePayment',
        describe(o) {
            // customId is required (base library 1.55.0+): a call without one fails, so there is nothing to report.
            if (typeof o.customId !== 'string' || !o.customId)
                return undefined;
            return { orderId: o.customId, quantity: Number(o.buyQuantity) || 0, currency: 'CNY' };
        },
    },
];

/**
 * Every key the kit writes in platform storage starts with this (versioned, so a future format can live beside
 * this one). The one place the prefix is written.
 */
const STORAGE_PREFIX = 'mp:v1:';

const SANDBOX_NOTICE = '[SANDBOX] minigame-purchase web payment: no real money is charged';
function createWebPlatform(opts = {}) {
    const g = (typeof globalThis !== 'undefined' ? globalThis : {});
    const clock = opts.clock || defaultClock();
    const storage = opts.storage || webStorage(g);
    const nav = g.navigator || {};
    const on = (target, ev, fn) => {
        if (target && target.addEventListener)
            target.addEventListener(ev, fn);
        return () => {
            if (target && target.removeEventListener)
                target.removeEventListener(ev, fn);
        };
    };
    return {
        name: 'web',
        storage,
        clock,
        async request(req) {
            if (!g.fetch)
                throw new Error('fetch is not available');
            const ctl = g.AbortController ? new g.AbortController() : undefined;
            const t = ctl && req.timeoutMs ? clock.setTimeout(() => ctl.abort(), req.timeoutMs) : undefined;
            try {
                const res = await g.fetch(req.url, {
                    method: req.method,
                    headers: Object.assign({ 'content-type': 'application/json' }, req.headers),
                    body: req.body === undefined ? undefined : JSON.stringify(req.body),
                    signal: ctl && ctl.signal,
                });
                const text = await res.text();
                let body = text;
                try {
                    body = JSON.parse(text);
                }
                catch (_a) {
                    // not JSON: keep the text
                }
                return { status: res.status, body };
            }
            finally {
                if (t !== undefined)
                    clock.clearTimeout(t);
            }
        },
        async login() {
            return 'sandbox-' + Math.floor(clock.random() * 1e12).toString(36);
        },
        payment: {
            cannotPayReason: () => undefined,
            async pay(req) {
                if (g.console)
                    g.console.warn(SANDBOX_NOTICE, req);
                const decide = opts.sandboxDecision ||
                    (() => {
                        var _a;
                        return !g.confirm ||
                            g.confirm(`${SANDBOX_NOTICE}.\nPay ${req.amount / 100} ${req.currency} for ${(_a = req.name) !== null && _a !== void 0 ? _a : req.productId}?`)
                            ? 'paid'
                            : 'cancelled';
                    });
                return (await decide(req)) === 'paid' ? { status: 'paid' } : { status: 'cancelled', errMsg: 'sandbox cancel' };
            },
        },
        deviceFacts: () => browserFacts(nav),
        networkType: () => (nav.onLine === false ? 'none' : 'unknown'),
        scene: () => 'web',
        onShow: (fn) => on(g.document, 'visibilitychange', () => g.document.visibilityState === 'visible' && fn()),
        onNetworkReturn: (fn) => on(g, 'online', fn),
    };
}
function browserFacts(nav) {
    const ua = nav.userAgent || '';
    const type = /iPhone|iPad|iPod/.test(ua) ? 2 : /Android/.test(ua) ? 3 : 1;
    const facts = { type, os: type === 2 ? 'ios' : type === 3 ? 'android' : 'web' };
    if (nav.language)
        facts.language = nav.language.slice(0, 32);
    return facts;
}
function webStorage(g) {
    const ls = g.localStorage;
    const mem = new Map();
    return {
        get: (k) => (ls ? ls.getItem(k) || undefined : mem.get(k)),
        set(k, v) {
            if (!ls)
                return void mem.set(k, v);
            try {
                ls.setItem(k, v);
            }
            catch (e) {
                throw new StorageFullError(`localStorage.setItem failed: ${errorText(e)}`);
            }
        },
        remove: (k) => (ls ? ls.removeItem(k) : void mem.delete(k)),
        // The page's other keys are none of ours.
        keys: () => ls
            ? Array.from({ length: ls.length }, (_, i) => ls.key(i) || '').filter((k) => k.startsWith(STORAGE_PREFIX))
            : Array.from(mem.keys()),
    };
}

/**
 * Which host we run in. QQ and Douyin are checked first because their runtimes may also expose a `wx` alias;
 * anything else is the web sandbox.
 */
function detectPlatform() {
    if (ttAvailable())
        return 'tt';
    if (qqAvailable())
        return 'qq';
    if (wxAvailable())
        return 'wx';
    return 'web';
}
function createPlatform(name = detectPlatform(), payment = {}) {
    switch (name) {
        case 'wx':
            return createWxPlatform({ payment });
        case 'qq':
            return createQqPlatform({ payment });
        case 'tt':
            return createTtPlatform({ payment });
        default:
            return createWebPlatform();
    }
}

/**
 * Orders in platform storage, one key per order (`mp:v1:o:<orderId>`) plus an index (`mp:v1:orders`). One key per
 * order keeps the write that makes a payment durable small and constant, whatever the backlog, and lets
 * "pending → queued" be a single `setStorageSync`.
 *
 * Write order: the index lists an order before its key is first written, and keys are removed before the index
 * drops them. The key is the commit point: a kill between the two writes leaves an index entry without a key (skipped
 * at load, gone at the next index write), never a key the index does not list. So the paid transition stays one write
 * (the key) for an order that was written ahead, and one that was not (storage refused it) gets its index entry first.
 *
 * An orphan (a key the index does not list) is therefore left only by an earlier version, which wrote the key first.
 * At start, where `storage.keys()` exists, a pending orphan is deleted: the sheet opens only after both writes, so a
 * kill in between charged nothing. A queued or rejected orphan holds a report the player paid for: it is adopted
 * (indexed and sent), never dropped. With an unreadable index nothing is deleted, since any order could be missing
 * from it. Unreadable orphans are left alone: nothing tells what they held.
 *
 * States: `p` pending (written before the payment sheet opens), `q` queued (paid, to report), `r` rejected by the
 * relay (kept aside with the reason, never resent blindly).
 */
const ORDER_STATE = { pending: 'p', queued: 'q', rejected: 'r' };
const INDEX_KEY = STORAGE_PREFIX + 'orders';
const ORDER_PREFIX = STORAGE_PREFIX + 'o:';
/** The orders `storage` holds, loaded now (orphans swept); then kept in memory and written through. */
function createOrderStore(storage) {
    // A closure rather than a class: its members minify, the bundle a game ships is smaller.
    const orders = new Map();
    // Pending orders' reports as JSON without paidAt, made when they were added (see `encode`).
    const drafts = new Map();
    const index = parseIndex(storage.get(INDEX_KEY));
    /** The ids the stored index lists. */
    let listed = new Set(index);
    for (const id of listed) {
        const order = parseOrder(storage.get(ORDER_PREFIX + id));
        if (order)
            orders.set(id, order);
    }
    const writeIndex = () => {
        const ids = Array.from(orders.keys());
        storage.set(INDEX_KEY, JSON.stringify(ids));
        listed = new Set(ids);
    };
    const write = (id, json) => {
        if (!listed.has(id))
            writeIndex();
        storage.set(ORDER_PREFIX + id, json);
    };
    attempt(() => {
        let adopted = false;
        for (const key of (storage.keys && storage.keys()) || []) {
            const id = key.slice(ORDER_PREFIX.length);
            if (!key.startsWith(ORDER_PREFIX) || listed.has(id))
                continue;
            const order = parseOrder(storage.get(key));
            if (order && order.s === ORDER_STATE.pending && index)
                storage.remove(key);
            else if (order)
                adopted = !!orders.set(id, order);
        }
        // Removals first, then one index write: a full storage gets room back. If the index still cannot grow, the
        // adopted orders are sent from memory and adopted again at the next start.
        if (adopted)
            writeIndex();
    });
    return {
        get: (id) => orders.get(id),
        list(state) {
            const all = Array.from(orders.entries());
            return state ? all.filter(([, o]) => o.s === state) : all;
        },
        add(id, order) {
            const rest = restOf(order.r);
            orders.set(id, order);
            try {
                write(id, encode(order.s, order.r.paidAt, rest));
            }
            catch (e) {
                // An index entry may remain without its key: harmless, as above.
                orders.delete(id);
                throw e;
            }
            if (order.s === ORDER_STATE.pending)
                drafts.set(id, rest);
        },
        markPaid(id, paidAt) {
            const { r } = orders.get(id);
            write(id, encode('q', paidAt, drafts.get(id) || restOf(r)));
            drafts.delete(id);
            orders.set(id, { s: ORDER_STATE.queued, r: Object.assign(Object.assign({}, r), { paidAt }) });
        },
        put(id, order) {
            write(id, JSON.stringify(order));
            orders.set(id, order);
        },
        keepInMemory(id, order) {
            orders.set(id, order);
        },
        remove(ids) {
            for (const id of ids) {
                storage.remove(ORDER_PREFIX + id);
                orders.delete(id);
                drafts.delete(id);
            }
            if (ids.length)
                writeIndex();
        },
    };
}
/** The report as JSON without paidAt and without its opening brace: `encode` puts paidAt first. */
function restOf(r) {
    const json = JSON.stringify(Object.assign(Object.assign({}, r), { paidAt: undefined }));
    return json === '{}' ? '}' : ',' + json.slice(1);
}
/** The stored order `{"s":…,"r":{"paidAt":…,…}}`, built from `restOf` by concatenation. */
function encode(s, paidAt, rest) {
    return '{"s":"' + s + '","r":{"paidAt":' + JSON.stringify(paidAt) + rest + '}';
}
/** The index's ids; undefined when it is there but unreadable. */
function parseIndex(raw) {
    try {
        const v = raw ? JSON.parse(raw) : [];
        return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : undefined;
    }
    catch (_a) {
        return undefined;
    }
}
function parseOrder(raw) {
    try {
        const v = JSON.parse(raw);
        return v && (v.s === ORDER_STATE.pending || v.s === ORDER_STATE.queued || v.s === ORDER_STATE.rejected) && typeof v.r === 'object' ? v : undefined;
    }
    catch (_a) {
        return undefined;
    }
}

/**
 * Delay before retry number `attempt` (0 = first retry): `min(max, base·2^attempt)`, scaled by a random factor in
 * [0.5, 1) so a fleet of clients that lost the relay together do not all come back in the same second.
 */
function backoffDelay(attempt, random, opts = {}) {
    var _a, _b;
    const base = (_a = opts.baseMs) !== null && _a !== void 0 ? _a : 1000;
    const max = (_b = opts.maxMs) !== null && _b !== void 0 ? _b : 300000;
    const ceiling = Math.min(max, base * Math.pow(2, Math.min(attempt, 30)));
    return Math.round(ceiling * (0.5 + random() / 2));
}
/** What a failed relay call should do: retry later (network, timeout, 429, 5xx) or not. */
function isRetryableStatus(status) {
    return status === 408 || status === 429 || status >= 500;
}

/**
 * The ISO 4217 codes the shared schemas accept (`isKnownCurrency` in src/shared/money/currencies.ts), as one sorted
 * line: importing the shared module would also bring its exponent table, which the kit does not use, into the bundle
 * a game ships. `test/client/report/currency-codes.test.ts` asserts the two agree on every three-letter code.
 */
const CODES = new Set(('AED ARS AUD BDT BGN BHD BIF BRL CAD CHF CLP CNY COP CZK DJF DKK EGP EUR GBP GNF HKD HUF IDR ILS INR IQD ISK JOD ' +
    'JPY KES KMF KRW KWD KZT LYD MAD MOP MXN MYR NGN NOK NZD OMR PEN PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SEK SGD ' +
    'THB TND TRY TWD UAH UGX USD UYI VND VUV XAF XOF XPF ZAR').split(' '));
/** Whether the relay's schema accepts `code` as a currency. */
function isKnownCurrency(code) {
    return CODES.has(code);
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A string of `min`..`max` UTF-16 units. */
const str = (min, max) => (v) => typeof v === 'string' && v.length >= min && v.length <= max;
/** A safe integer in `min`..`max`. */
const int = (min, max) => (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
const opt = (c) => (v) => v === undefined || c(v);
const orNull = (c) => (v) => v === null || c(v);
const oneOf = (...xs) => (v) => xs.indexOf(v) >= 0;
const re = (r) => (v) => typeof v === 'string' && r.test(v);

// A hand-written check of `PurchaseReportSchema`, so the client bundle ships without zod. A property test runs
// generated reports through both and asserts they agree.
/**
 * Copies of the shared constants: importing them would pull zod into the client bundle (the schema module builds
 * its schemas at load). A test asserts they equal `ORDER_ID_PATTERN` and `MAX_REPORTS_PER_BATCH`.
 */
const CLIENT_ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const CLIENT_MAX_REPORTS_PER_BATCH = 50;
const DEVICE = {
    type: oneOf(1, 2, 3),
    brand: opt(str(0, 64)),
    model: opt(str(0, 128)),
    os: opt(str(0, 32)),
    osVersion: opt(str(0, 64)),
    language: opt(str(0, 32)),
    platformVersion: opt(str(0, 64)),
};
const REPORT = {
    orderId: re(CLIENT_ORDER_ID_PATTERN),
    appId: str(1, 64),
    uid: str(1, 128),
    productId: str(1, 512),
    goodsName: opt(str(0, 128)),
    amount: int(0, 1e12),
    currency: (v) => re(/^[A-Z]{3}$/)(v) && isKnownCurrency(v),
    payType: oneOf(2, 3),
    paidAt: int(1577836800000, 4102444800000), // PAID_AT_MIN..PAID_AT_MAX: 2020-01-01..2100-01-01 UTC
    zone: opt(str(0, 64)),
    gameUid: opt(str(0, 128)),
    gameNickname: opt(str(0, 128)),
    level: opt(int(0, Number.MAX_SAFE_INTEGER)),
    playerId: opt(str(0, 128)),
    country: opt(re(/^[A-Za-z]{2}$/)),
    serverId: opt(str(0, 32)),
    characterId: opt(str(0, 64)),
    device: (v) => isObject(v) && firstBad(DEVICE, v) === undefined,
    netType: opt(str(0, 16)),
    scene: opt(str(0, 32)),
    sdkVersion: str(0, 32),
};
function firstBad(checks, v) {
    for (const k in checks)
        if (!checks[k](v[k]))
            return k;
    return undefined;
}
/** The first field of `v` that `PurchaseReportSchema` would refuse, or undefined when it is a valid report. */
function reportProblem(v) {
    if (!isObject(v))
        return '(root)';
    const bad = firstBad(REPORT, v);
    if (bad === 'device' && isObject(v.device))
        return 'device.' + firstBad(DEVICE, v.device);
    return bad;
}
function isPurchaseReport(v) {
    return reportProblem(v) === undefined;
}

function createReportQueue(platform, store, session, events, opts = {}) {
    // A closure rather than a class: its members minify, the bundle a game ships is smaller.
    const { clock } = platform;
    let flushing;
    let again = false;
    let attempt = 0;
    let timer;
    let timerAt = 0;
    let closed = false;
    const maxBatch = () => { var _a; return Math.max(1, Math.min(CLIENT_MAX_REPORTS_PER_BATCH, (_a = opts.batchSize) !== null && _a !== void 0 ? _a : CLIENT_MAX_REPORTS_PER_BATCH)); };
    let limit = maxBatch();
    function flush() {
        if (closed)
            return Promise.resolve();
        if (flushing) {
            again = true;
            return flushing;
        }
        cancelTimer();
        return (flushing = drain().then(() => {
            flushing = undefined;
            if (again) {
                again = false;
                return flush();
            }
        }));
    }
    async function drain() {
        for (;;) {
            if (closed)
                return;
            const batch = nextBatch();
            if (!batch.length) {
                limit = maxBatch();
                return;
            }
            if (!(await send(batch))) {
                schedule(backoffDelay(attempt++, clock.random, opts.backoff));
                return;
            }
            attempt = 0;
        }
    }
    /** Queued reports, completed with the session's openid and checked; a malformed one is set aside at once. */
    function nextBatch() {
        const out = [];
        const openid = session.openid();
        for (const [id, o] of store.list('q')) {
            if (out.length >= limit)
                break;
            const report = o.r.uid || !openid ? o.r : Object.assign(Object.assign({}, o.r), { uid: openid });
            const bad = report.uid ? reportProblem(report) : undefined;
            if (bad)
                setAside(id, o, `invalid report field ${bad}`, new InvalidReportError(`order ${id}: bad ${bad}`, bad));
            else
                out.push(report);
        }
        return out;
    }
    /** One POST; true when the relay answered for the batch (whatever it said), false to back off. */
    async function send(batch) {
        let res;
        try {
            if (!session.openid())
                await session.login();
            const uid = session.openid();
            const reports = batch.map((r) => (r.uid ? r : Object.assign(Object.assign({}, r), { uid })));
            res = await session.request({ url: '/v1/purchases', method: 'POST', body: { reports } });
        }
        catch (e) {
            events.error(e instanceof PurchaseError ? e : new RelayError(String(e)));
            return false;
        }
        const { status } = res;
        if (status === 200)
            return settle(batch, res.body);
        if (status === 413 || status === 400) {
            if (batch.length > 1) {
                // One report spoils the batch: go one by one until the culprit is set aside alone.
                limit = status === 413 ? Math.max(1, batch.length >> 1) : 1;
                return true;
            }
            const id = batch[0].orderId;
            const reason = relayErrorText(res.body) || `relay answered ${status}`;
            setAside(id, store.get(id), reason, new RelayRejectedError(reason, id));
            return true;
        }
        events.error(new RelayError(`POST /v1/purchases answered ${status}`, status));
        if (!isRetryableStatus(status))
            attempt = Math.max(attempt, 3);
        return false;
    }
    function settle(batch, body) {
        const results = body === null || body === void 0 ? void 0 : body.results;
        if (!Array.isArray(results)) {
            events.error(new RelayError('POST /v1/purchases answered 200 without results', 200));
            return false;
        }
        const sent = new Set(batch.map((r) => r.orderId));
        const done = [];
        const reported = [];
        let asideCount = 0;
        for (const r of results) {
            const id = r && typeof r.orderId === 'string' && sent.has(r.orderId) ? r.orderId : undefined;
            const order = id && store.get(id);
            if (!order)
                continue;
            if (r.status === 'accepted' || r.status === 'duplicate') {
                done.push(id);
                reported.push({ orderId: id, status: r.status });
            }
            else if (r.status === 'rejected') {
                const reason = typeof r.error === 'string' ? r.error : 'rejected by the relay';
                setAside(id, order, reason, new RelayRejectedError(reason, id));
                asideCount++;
            }
        }
        store.remove(done);
        for (const r of reported)
            events.reported(r);
        // Orders the relay did not mention stay queued; an answer that settles none of them is a failure to back off from.
        if (done.length + asideCount === 0)
            events.error(new RelayError('POST /v1/purchases settled none of the batch', 200));
        return done.length + asideCount > 0;
    }
    function setAside(id, order, reason, err) {
        const next = { s: ORDER_STATE.rejected, r: order.r, e: reason };
        try {
            store.put(id, next);
        }
        catch (_a) {
            store.keepInMemory(id, next);
            events.error(new StorageFullError());
        }
        events.error(err);
    }
    /** Arms the one timer: the earliest backoff retry wins (flushes otherwise come from start, onShow, the network and purchases). */
    function schedule(delayMs) {
        if (closed)
            return;
        const at = clock.now() + delayMs;
        if (timer !== undefined && timerAt <= at)
            return;
        cancelTimer();
        timerAt = at;
        timer = clock.setTimeout(() => {
            timer = undefined;
            void flush();
        }, delayMs);
    }
    function cancelTimer() {
        if (timer !== undefined)
            clock.clearTimeout(timer);
        timer = undefined;
    }
    return {
        flush,
        retryNow() {
            attempt = 0;
            return flush();
        },
        close() {
            closed = true;
            cancelTimer();
        },
    };
}

const SESSION_KEY = STORAGE_PREFIX + 'session';
/** Renew a little before expiry so a request never leaves with a token that dies on the way. */
const EXPIRY_MARGIN_MS = 60000;
/** @param onLogin called after each successful login (a new session, so what the relay said before may change) */
function createSession(platform, relayUrl, appId, timeoutMs, onLogin) {
    // A closure rather than a class: its members minify, the bundle a game ships is smaller.
    let info = parseSession(platform.storage.get(SESSION_KEY));
    let loggingIn;
    let expired = false;
    const raw = async (req) => {
        try {
            return await platform.request(Object.assign(Object.assign({ timeoutMs }, req), { url: relayUrl + req.url }));
        }
        catch (e) {
            throw new NetworkError(errorText(e));
        }
    };
    const send = (req, s) => raw(Object.assign(Object.assign({}, req), { headers: Object.assign(Object.assign({}, req.headers), { authorization: 'Bearer ' + s.token }) }));
    const doLogin = async () => {
        let code;
        try {
            code = await platform.login();
        }
        catch (e) {
            throw new NetworkError('login failed: ' + errorText(e));
        }
        const res = await raw({ url: '/v1/session', method: 'POST', body: { appId, code } });
        const s = res.status === 200 ? asSession(res.body) : undefined;
        if (!s)
            throw new RelayError(`POST /v1/session answered ${res.status}`, res.status);
        info = s;
        expired = false;
        if (onLogin)
            onLogin();
        try {
            platform.storage.set(SESSION_KEY, JSON.stringify(s));
        }
        catch (_a) {
            // A session that cannot be cached only costs a login on the next start.
        }
        return s;
    };
    const login = () => (loggingIn || (loggingIn = doLogin().then((s) => ((loggingIn = undefined), s), (e) => {
        loggingIn = undefined;
        throw e;
    })));
    return {
        openid: () => info && info.openid,
        login,
        async request(req) {
            const valid = !expired && info && info.expiresAt - EXPIRY_MARGIN_MS > platform.clock.now();
            const first = await send(req, valid ? info : await login());
            if (first.status !== 401)
                return first;
            return send(req, await login());
        },
        expire() {
            expired = true;
        },
    };
}
function asSession(v) {
    const o = v;
    return o && typeof o.token === 'string' && typeof o.openid === 'string' && typeof o.expiresAt === 'number'
        ? { token: o.token, openid: o.openid, expiresAt: o.expiresAt }
        : undefined;
}
function parseSession(raw) {
    try {
        return raw ? asSession(JSON.parse(raw)) : undefined;
    }
    catch (_a) {
        return undefined;
    }
}

function createEmitter() {
    const listeners = {};
    return {
        on(event, fn) {
            const list = (listeners[event] || (listeners[event] = []));
            list.push(fn);
            return () => {
                const i = list.indexOf(fn);
                if (i >= 0)
                    list.splice(i, 1);
            };
        },
        emit(event, e) {
            for (const fn of (listeners[event] || []).slice()) {
                try {
                    fn(e);
                }
                catch (_a) {
                    // A game's listener bug must not stop the queue.
                }
            }
        },
    };
}

/** Sent as `sdkVersion` in every report; a test keeps it equal to package.json's version. */
const SDK_VERSION = '0.1.0';

const CONTEXT_KEYS = [
    'zone', 'gameUid', 'gameNickname', 'level', 'playerId', 'country', 'serverId', 'characterId',
];
/** A report with the device, network and scene facts of this moment (best effort: a broken platform call must never cost a report). Undefined fields are left out. */
function buildReport(platform, basics, ctx = {}) {
    const r = Object.assign(Object.assign({}, basics), { device: attempt(() => platform.deviceFacts()) || { type: 1 }, netType: clip(attempt(() => platform.networkType()), 16), scene: clip(attempt(() => platform.scene()), 32), sdkVersion: SDK_VERSION });
    for (const k of CONTEXT_KEYS)
        if (ctx[k] !== undefined)
            r[k] = ctx[k];
    return dropUndefined(r);
}
/** The report's non-money fields, as `POST /v1/orders` takes them: the order keeps them for the sinks. */
function orderContext(r) {
    const c = {};
    for (const k of [...CONTEXT_KEYS, 'device', 'netType', 'scene', 'sdkVersion'])
        if (r[k] !== undefined)
            c[k] = r[k];
    return c;
}
function clip(v, max) {
    return typeof v === 'string' ? v.slice(0, max) : undefined;
}

/**
 * The platforms' fail-callback `errCode`s, in one table. Sources:
 * - wx.requestMidasPayment: https://developers.weixin.qq.com/minigame/dev/api/midas-payment/wx.requestMidasPayment.html
 *   (res.errCode table: -1 system failure, -2 cancelled, -15001 missing param, -15002 invalid param, -15003 duplicate
 *   order, -15004 backend error, -15006 appId banned / currency unsupported, -15007 order already paid, 1 user
 *   cancelled, 2 a payment started while one is in progress, 3 Google Play missing, 4 OS payment state abnormal,
 *   5 OS error, 6 other, 1000 parameter error, 1003 Midas portal error). QQ's `qq.requestMidasPayment` is the same
 *   Midas API and returns the same codes.
 * - tt.requestGamePayment: https://developer.open-douyin.com/docs/resource/zh-CN/mini-game/develop/api/payment/tt-request-game-payment
 *   (-1 failed, -2 cancelled, -15001 missing param, -15002 invalid param, -15006 no payment permission, -15009
 *   finance side failed, -16000 not logged in, 2 a payment while one is in progress, 3 cashier failed to open,
 *   4 network error, 6 other).
 * - wx.requestMidasPaymentGameItem and WeChat iOS payment (shared/specs/platform-payment-verification.md): -15012
 *   signature, -15014 paySig, -15015 session_key expired (the relay signed with a stale one: log in again before the
 *   next order), -15016 item price differs from the console's, -15017 order closed, 701001 iOS cannot pay. -15003
 *   (duplicate order) and -15007 (already paid) stay plain failures: the order id is spent either way.
 * Unknown codes are failures (`PAYMENT_FAILED`) that keep the raw code.
 */
const MIDAS = {
    [-2]: 'USER_CANCELLED',
    1: 'USER_CANCELLED',
    2: 'PAYMENT_IN_PROGRESS',
    [-15006]: 'PLATFORM_CANNOT_PAY',
    3: 'PLATFORM_CANNOT_PAY',
    4: 'PLATFORM_CANNOT_PAY',
};
const WECHAT = Object.assign(Object.assign({}, MIDAS), { 7: 'USER_CANCELLED', [-15012]: 'BAD_SIGNATURE', [-15014]: 'BAD_SIGNATURE', [-15015]: 'SESSION_STALE', [-15016]: 'PRICE_MISMATCH', [-15017]: 'ORDER_CLOSED', 701001: 'PLATFORM_CANNOT_PAY' });
const DOUYIN = {
    [-2]: 'USER_CANCELLED',
    2: 'PAYMENT_IN_PROGRESS',
    [-15006]: 'PLATFORM_CANNOT_PAY',
    4: 'NETWORK',
};
const TABLES = { wx: WECHAT, qq: MIDAS, tt: DOUYIN, web: {} };
/** What a fail-callback `errCode` means on `platform`: a cancel, or one kind of failure. */
function classifyPaymentError(platform, errCode) {
    return (errCode !== undefined && TABLES[platform][errCode]) || 'PAYMENT_FAILED';
}

/**
 * One purchase: the order (the relay's, else our own id), the pending order in storage before the sheet opens, the
 * sheet, and on success the order becomes a queued report in the same storage write. Nothing is stored and no sheet
 * opens until there is an order the platform can be asked to charge exactly.
 */
function createPurchaseFlow(deps) {
    let busy = false;
    return async function purchase(product, ctx) {
        if (busy)
            return failed('', new PaymentInProgressError());
        busy = true;
        try {
            return await buy(deps, product, Object.assign(Object.assign({}, deps.context()), ctx));
        }
        finally {
            busy = false;
        }
    };
}
async function buy(deps, product, ctx) {
    var _a;
    const { platform, store } = deps;
    const bad = productProblem(product);
    if (bad)
        return failed('', new InvalidReportError(`product ${bad} is invalid`, bad));
    const { payment } = platform;
    const reason = await (payment.checkPayable ? payment.checkPayable() : payment.cannotPayReason());
    if (reason)
        return failed('', new PlatformCannotPayError(reason));
    const draft = buildReport(platform, {
        orderId: '',
        appId: deps.appId,
        uid: '',
        productId: product.productId,
        goodsName: product.name,
        amount: product.price,
        currency: product.currency,
        payType: 2,
        paidAt: platform.clock.now(),
    }, ctx);
    let order;
    try {
        order = await deps.orders.create(product.productId, orderContext(draft));
    }
    catch (e) {
        return failed('', e instanceof PurchaseError ? e : new NetworkError(String(e)));
    }
    let quantity;
    if (order) {
        // The relay's order is what the platform charges: its id, amount and currency are the report's.
        draft.orderId = order.orderId;
        draft.productId = order.productId;
        draft.amount = order.amount;
        draft.currency = order.currency;
        quantity = 'buyQuantity' in order.payment ? order.payment.buyQuantity : 1;
    }
    else {
        draft.orderId = createOrderId(platform.clock.now(), platform.clock.random);
        // Never round money: a price that is not a whole number of coins would be charged as another price.
        quantity = (_a = product.buyQuantity) !== null && _a !== void 0 ? _a : product.price / deps.coinPrice;
        if (payment.coins && !(Number.isSafeInteger(quantity) && quantity >= 1)) {
            const msg = `price ${product.price} is not a whole number of coins of ${deps.coinPrice}`;
            return failed('', new OrderRefusedError('PRICE_NOT_PAYABLE', msg, 'price'));
        }
    }
    const { orderId } = draft;
    draft.uid = deps.uid();
    try {
        store.add(orderId, { s: ORDER_STATE.pending, r: draft });
    }
    catch (e) {
        return failed(orderId, e instanceof PurchaseError ? e : new StorageFullError(String(e)));
    }
    let done;
    const onPaid = () => (done || (done = paid(deps, orderId, platform.clock.now())));
    const outcome = await payment
        .pay({
        orderId,
        productId: draft.productId,
        name: draft.goodsName,
        amount: draft.amount,
        currency: draft.currency,
        quantity,
        relayPayment: order && order.payment,
        onPaid,
    })
        .catch((e) => ({ status: 'failed', errCode: undefined, errMsg: String(e) }));
    if (outcome.status === 'paid')
        return onPaid();
    const code = outcome.status === 'cancelled' ? 'USER_CANCELLED' : classifyPaymentError(platform.name, outcome.errCode);
    // Not paid: the pending order goes (a cancel or a refused sheet charged nothing).
    store.remove([orderId]);
    if (code === 'USER_CANCELLED')
        return { status: 'cancelled', orderId, errCode: outcome.errCode };
    if (code === 'SESSION_STALE')
        deps.sessionStale();
    const msg = outcome.errMsg || `payment failed (errCode ${outcome.errCode})`;
    const Failure = FAILURES[code];
    return failed(orderId, Failure ? new Failure(msg, outcome.errCode) : new PaymentFailedError(msg, outcome.errCode, code));
}
function failed(orderId, error) {
    return { status: 'failed', orderId, error, errCode: error.errCode };
}
/** The error class of each failure code `classifyPaymentError` gives; the others are PaymentFailedError codes. */
const FAILURES = {
    PAYMENT_IN_PROGRESS: PaymentInProgressError,
    PLATFORM_CANNOT_PAY: PlatformCannotPayError,
    NETWORK: NetworkError,
};
/** Pending → queued in one storage write; if storage refuses, the report is still sent from memory and we say so. */
function paid(deps, orderId, paidAt) {
    let error;
    try {
        deps.store.markPaid(orderId, paidAt);
    }
    catch (e) {
        deps.store.keepInMemory(orderId, { s: ORDER_STATE.queued, r: Object.assign(Object.assign({}, deps.store.get(orderId).r), { paidAt }) });
        error = e instanceof PurchaseError ? e : new StorageFullError(String(e));
        deps.error(error);
    }
    deps.queued();
    return error ? { status: 'paid', orderId, error } : { status: 'paid', orderId };
}
function productProblem(p) {
    if (!p || typeof p.productId !== 'string' || !p.productId)
        return 'productId';
    if (!Number.isSafeInteger(p.price) || p.price < 0)
        return 'price';
    if (typeof p.currency !== 'string' || !isKnownCurrency(p.currency))
        return 'currency';
    return undefined;
}

/** The relay's order id (WeChat outTradeNo, Douyin customId, QQ bill_no) (order-api.ts RELAY_ORDER_ID_PATTERN; that file carries zod). */
const isRelayOrderId = re(/^[A-Za-z0-9-][A-Za-z0-9_-]{0,31}$/);
const isAmount = int(0, Number.MAX_SAFE_INTEGER);
const isUnits = int(1, Number.MAX_SAFE_INTEGER);
function createOrderClient(session) {
    let notEnabled = false;
    return {
        async create(productId, context) {
            if (notEnabled)
                return undefined;
            // quantity counts units of the product (the relay charges unit price × quantity), never Midas coins.
            const res = await session.request({ url: '/v1/orders', method: 'POST', body: { productId, quantity: 1, context } });
            const { status, body } = res;
            const e = (isObject(body) && isObject(body.error) ? body.error : {});
            const what = `POST /v1/orders answered ${status}` + (typeof e.code === 'string' ? ' ' + e.code : '');
            if (status === 200) {
                const order = asOrder(body);
                if (order)
                    return order;
                throw new RelayError(what + ': unusable order', status);
            }
            if (status === 404 || (status === 409 && e.code === 'ORDERS_NOT_ENABLED')) {
                notEnabled = true;
                return undefined;
            }
            if (status === 400 && typeof e.code === 'string') {
                throw new OrderRefusedError(e.code, `${what}: ${String(e.message)}`, typeof e.field === 'string' ? e.field : undefined);
            }
            if (status >= 500)
                throw new NetworkError(what);
            throw new RelayError(what, status);
        },
        forget() {
            notEnabled = false;
        },
    };
}
/** The order, when it is whole and the payment pays that very order id (else the stored order would name another). */
function asOrder(v) {
    if (!isObject(v) || !isObject(v.payment))
        return undefined;
    const { orderId, productId, amount, currency } = v;
    const p = v.payment;
    if (!isRelayOrderId(orderId) || typeof productId !== 'string' || !isAmount(amount))
        return undefined;
    if (typeof currency !== 'string' || !isKnownCurrency(currency)) {
        return undefined;
    }
    let paysOrder;
    if (p.api === 'requestMidasPayment') {
        // QQ's prepayId was made for this order's bill_no on the relay: nothing in it to compare.
        paysOrder = typeof p.prepayId === 'string' ? p.prepayId && isUnits(p.starCurrency) && orderId : isUnits(p.buyQuantity) && p.outTradeNo;
    }
    else if (p.api === 'requestGamePayment') {
        paysOrder = isUnits(p.buyQuantity) && p.customId;
    }
    else if (p.api === 'requestMidasPaymentGameItem' && typeof p.paySig === 'string' && typeof p.signature === 'string') {
        try {
            paysOrder = typeof p.signData === 'string' && JSON.parse(p.signData).outTradeNo;
        }
        catch (_a) {
            // not JSON: not payable
        }
    }
    return paysOrder === orderId
        ? { orderId: orderId, productId, amount: amount, currency, payment: p }
        : undefined;
}

/**
 * autoHook: a payment the game starts itself becomes a pending order before the sheet opens and a queued report
 * when it succeeds, exactly like `kit.purchase()`. Orders the kit itself is paying are already stored and skipped.
 */
function createPaymentHooks(deps) {
    const mine = new Set();
    return {
        willPay(p) {
            var _a;
            if (deps.store.get(p.orderId))
                return;
            const draft = buildReport(deps.platform, {
                orderId: p.orderId,
                appId: deps.appId,
                uid: deps.uid(),
                productId: p.productId || 'coins.' + p.quantity,
                amount: (_a = p.amount) !== null && _a !== void 0 ? _a : p.quantity * deps.coinPrice,
                currency: p.currency,
                payType: 2,
                paidAt: deps.platform.clock.now(),
            }, deps.context());
            try {
                deps.store.add(p.orderId, { s: ORDER_STATE.pending, r: draft });
            }
            catch (_b) {
                // Cannot write ahead: keep it in memory so a success is still reported, and say so.
                deps.store.keepInMemory(p.orderId, { s: ORDER_STATE.pending, r: draft });
                deps.error(new StorageFullError());
            }
            mine.add(p.orderId);
        },
        didPay(orderId, outcome) {
            const order = mine.has(orderId) ? deps.store.get(orderId) : undefined;
            mine.delete(orderId);
            if (!order || order.s !== 'p')
                return;
            if (outcome.status === 'paid')
                paid(deps, orderId, deps.platform.clock.now());
            else
                deps.store.remove([orderId]);
        },
    };
}

/**
 * A hand-written check of the relay's catalog answer, so the mini-game bundle carries no zod. It must agree with
 * `CatalogSchema` in `src/shared/schemas/catalog.ts`: `test/client/catalog/catalog-guard.test.ts` runs generated
 * catalogs, valid and broken, through both. Returns the first problem found, or `null` when the value is a catalog.
 */
function catalogProblem(value) {
    if (!isObject(value))
        return 'catalog: not an object';
    const p = fieldProblem(CATALOG, value) || listProblem(value, 'packs', PACK) || listProblem(value, 'subscriptions', SUBSCRIPTION);
    if (p)
        return p;
    const pages = value.pages;
    if (!isObject(pages))
        return 'pages: expected an object';
    const subscribe = pages.subscribe;
    return (pageProblem(pages, 'discount', 'pages.') ||
        pageProblem(pages, 'secret', 'pages.') ||
        (isObject(subscribe)
            ? pageProblem(subscribe, 'trial', 'pages.subscribe.') ||
                pageProblem(subscribe, 'weekly', 'pages.subscribe.') ||
                pageProblem(subscribe, 'yearly', 'pages.subscribe.')
            : 'pages.subscribe: expected an object'));
}
function isCatalog(value) {
    return catalogProblem(value) === null;
}
const COUNT = [int(0, Infinity), 'expected a non-negative integer'];
const MINOR = [int(0, 1e12), 'expected minor units'];
const INT_OR_NULL = [orNull(int(-Infinity, Infinity)), 'expected an integer or null'];
const BOOL = [(v) => typeof v === 'boolean', 'expected a boolean'];
const PERIOD = [orNull(oneOf('week', 'month', 'year')), 'unknown'];
const CATALOG = {
    version: [(v) => v === 1, 'expected 1'],
    appId: [str(1, Infinity), 'expected a non-empty string'],
    fetchedAt: COUNT,
    stale: BOOL,
    userScoped: BOOL,
};
const ITEM = {
    id: INT_OR_NULL,
    productId: [str(1, 512), 'expected 1..512 characters'],
    price: MINOR,
    originalPrice: MINOR,
    currency: [(v) => typeof v === 'string' && /^[A-Z]{3}$/.test(v), 'expected an ISO 4217 code'],
    quantity: COUNT,
    bonus: COUNT,
    typeCode: INT_OR_NULL,
    purchaseCount: [orNull(int(0, Infinity)), 'expected a count or null'],
};
const PACK = Object.assign(Object.assign({}, ITEM), { badge: [orNull(oneOf('first-charge', 'recommend', 'hot', 'best-deal', 'discount')), 'unknown'], cycle: PERIOD, firstChargeOnly: [orNull(BOOL[0]), 'expected a boolean or null'] });
const SUBSCRIPTION = Object.assign(Object.assign({}, ITEM), { badge: [orNull(oneOf('recommend', 'creator-pack', 'ultra-pack')), 'unknown'], period: PERIOD, periodLabel: [orNull((v) => typeof v === 'string'), 'expected a string or null'], trialDays: COUNT, discountPeriods: COUNT, group: INT_OR_NULL, perWeek: MINOR, perDay: MINOR });
/** The first field of `v` that breaks its rule, as `field: expected ...`. */
function fieldProblem(rules, v) {
    for (const k in rules)
        if (!rules[k][0](v[k]))
            return `${k}: ${rules[k][1]}`;
    return null;
}
function itemProblem(rules, v) {
    return isObject(v) ? fieldProblem(rules, v) : '(item): expected an object';
}
function listProblem(v, key, rules) {
    const list = v[key];
    if (!Array.isArray(list))
        return `${key}: expected an array`;
    for (let i = 0; i < list.length; i++) {
        const p = itemProblem(rules, list[i]);
        if (p)
            return `${key}[${i}].${p}`;
    }
    return null;
}
/** A special page is a subscription or null. */
function pageProblem(pages, key, prefix) {
    const p = pages[key] === null ? null : itemProblem(SUBSCRIPTION, pages[key]);
    return p && `${prefix}${key}.${p}`;
}

/** No catalog to show: the relay could not be reached or answered something unusable, and nothing is cached. */
class CatalogUnavailableError extends Error {
    constructor(message, 
    /** The relay's HTTP status, when it answered. */
    status) {
        super(message);
        this.status = status;
        this.name = 'CatalogUnavailableError';
        this.code = 'CATALOG_UNAVAILABLE';
    }
}

/** Versioned so a future shape never reads an old one as its own. */
const CATALOG_CACHE_KEY_PREFIX = `${STORAGE_PREFIX}catalog:`;
function createCatalogClient(deps) {
    var _a, _b;
    const { platform, appId } = deps;
    const ttlMs = (_a = deps.ttlMs) !== null && _a !== void 0 ? _a : 300000;
    const staleTtlMs = Math.min((_b = deps.staleTtlMs) !== null && _b !== void 0 ? _b : 30000, ttlMs);
    const key = CATALOG_CACHE_KEY_PREFIX + appId;
    const listeners = new Set();
    let entry = readCache();
    let signature = entry ? signatureOf(entry.catalog) : '';
    let inflight;
    function readCache() {
        try {
            const text = platform.storage.get(key);
            if (!text)
                return undefined;
            const parsed = JSON.parse(text);
            if (typeof parsed.expiresAt !== 'number' || catalogProblem(parsed.catalog) !== null)
                return undefined;
            return { catalog: parsed.catalog, expiresAt: parsed.expiresAt };
        }
        catch (_a) {
            // A corrupt cache is only a cache: fetch again.
            return undefined;
        }
    }
    function remember(catalog) {
        const now = platform.clock.now();
        entry = { catalog, expiresAt: now + (catalog.stale ? staleTtlMs : ttlMs) };
        try {
            platform.storage.set(key, JSON.stringify(entry));
        }
        catch (_a) {
            // Storage full: keep the copy in memory; the purchase queue's room matters more than a cache.
        }
        const next = signatureOf(catalog);
        if (next !== signature) {
            signature = next;
            for (const l of Array.from(listeners)) {
                try {
                    l(catalog);
                }
                catch (_b) {
                    // A listener's bug must not break the fetch.
                }
            }
        }
    }
    function staleCopy() {
        return entry ? Object.assign(Object.assign({}, entry.catalog), { stale: true }) : undefined;
    }
    async function fetchOnce() {
        let res;
        try {
            // The player is the session token's (relayGet adds it): the relay derives what it asks the game server.
            res = await deps.relayGet(`/v1/catalog?appId=${encodeURIComponent(appId)}`);
        }
        catch (e) {
            return fallback(`catalog request failed: ${errorText(e)}`);
        }
        if (res.status !== 200) {
            const why = relayErrorText(res.body);
            return fallback(`relay answered ${res.status}${why ? ': ' + why : ''}`, res.status);
        }
        const problem = catalogProblem(res.body);
        if (problem)
            return fallback(`relay sent a malformed catalog (${problem})`, res.status);
        const catalog = res.body;
        if (catalog.appId !== appId)
            return fallback(`relay sent the catalog of ${catalog.appId}, not ${appId}`);
        remember(catalog);
        return catalog;
    }
    function fallback(message, status) {
        const copy = staleCopy();
        if (copy)
            return copy;
        throw new CatalogUnavailableError(message, status);
    }
    function refresh() {
        if (!inflight) {
            inflight = fetchOnce().finally(() => {
                inflight = undefined;
            });
        }
        return inflight;
    }
    return {
        async get() {
            if (!entry)
                entry = readCache();
            if (!entry) {
                if (platform.networkType() === 'none')
                    throw new CatalogUnavailableError('offline and no cached catalog');
                return refresh();
            }
            if (platform.clock.now() < entry.expiresAt)
                return entry.catalog;
            const copy = staleCopy();
            if (platform.networkType() !== 'none')
                refresh().catch(() => undefined);
            return copy;
        },
        refresh,
        peek: () => entry === null || entry === void 0 ? void 0 : entry.catalog,
        onChange(listener) {
            listeners.add(listener);
            return () => listeners.delete(listener);
        },
    };
}
/** What a store shows: a change in `fetchedAt` alone is not a change. */
function signatureOf(c) {
    return JSON.stringify([c.stale, c.userScoped, c.packs, c.subscriptions, c.pages]);
}

function createPurchaseKit(options) {
    var _a, _b, _c;
    const platform = typeof options.platform === 'object' ? options.platform : createPlatform(options.platform, options.payment);
    const relayUrl = options.relayUrl.replace(/\/+$/, '');
    const events = createEmitter();
    const store = createOrderStore(platform.storage);
    // A new login may meet a relay that now makes orders for this game: ask it again then.
    const session = createSession(platform, relayUrl, options.appId, (_a = options.requestTimeoutMs) !== null && _a !== void 0 ? _a : 10000, () => orders.forget());
    const orders = createOrderClient(session);
    const queue = createReportQueue(platform, store, session, {
        reported: (r) => events.emit('reported', r),
        error: (e) => events.emit('error', e),
    }, { batchSize: options.batchSize, backoff: options.backoff });
    let context = Object.assign({}, options.gameContext);
    let catalog;
    const flushSoon = () => void queue.flush();
    const deps = {
        platform,
        store,
        appId: options.appId,
        uid: () => session.openid() || '',
        context: () => context,
        coinPrice: (_c = (_b = options.payment) === null || _b === void 0 ? void 0 : _b.coinPrice) !== null && _c !== void 0 ? _c : 10,
        orders,
        sessionStale: session.expire,
        queued: flushSoon,
        error: (e) => events.emit('error', e),
    };
    const purchase = createPurchaseFlow(deps);
    // Pending at start means a sheet was open when the last run died; this run's own pending orders are not listed.
    const unconfirmed = new Set(store.list('p').map(([id]) => id));
    const undo = [platform.onShow(flushSoon), platform.onNetworkReturn(() => void queue.retryNow())];
    if (options.autoHook && typeof platform.hookPayments === 'function') {
        undo.push(platform.hookPayments(createPaymentHooks(deps)));
    }
    // On the next tick, so listeners the game attaches right after creating the kit hear about the start flush.
    if (store.list('q').length)
        void Promise.resolve().then(flushSoon);
    return {
        platform,
        async login() {
            const s = await session.login();
            flushSoon();
            return { openid: s.openid };
        },
        getCatalog() {
            catalog || (catalog = createCatalogClient({
                platform,
                appId: options.appId,
                relayGet: (path) => session.request({ url: path, method: 'GET' }),
            }));
            return catalog.get();
        },
        cannotPayReason: () => platform.payment.cannotPayReason(),
        purchase,
        reportPurchase(p) {
            var _a;
            const orderId = p.orderId || createOrderId(platform.clock.now(), platform.clock.random);
            if (store.get(orderId))
                return { orderId };
            // The game context fields of `p` are picked by buildReport; the purchase fields are set here.
            const report = buildReport(platform, {
                orderId,
                appId: options.appId,
                uid: session.openid() || '',
                productId: p.productId,
                goodsName: p.goodsName,
                amount: p.amount,
                currency: p.currency,
                payType: 3,
                paidAt: (_a = p.paidAt) !== null && _a !== void 0 ? _a : platform.clock.now(),
            }, Object.assign(Object.assign({}, context), p));
            const bad = reportProblem(report.uid ? report : Object.assign(Object.assign({}, report), { uid: '-' }));
            if (bad)
                throw new InvalidReportError(`reportPurchase: invalid ${bad}`, bad);
            try {
                store.add(orderId, { s: ORDER_STATE.queued, r: report });
            }
            catch (e) {
                throw e instanceof PurchaseError ? e : new StorageFullError(String(e));
            }
            flushSoon();
            return { orderId };
        },
        setGameContext(ctx) {
            context = Object.assign(Object.assign({}, context), ctx);
        },
        on: (event, fn) => events.on(event, fn),
        flush: () => queue.flush(),
        rejectedReports: () => store.list('r').map(([orderId, o]) => ({ orderId, reason: o.e || '', report: o.r })),
        queuedCount: () => store.list('q').length,
        unconfirmedOrders: () => store.list('p').filter(([id]) => unconfirmed.has(id)).map(([, o]) => o.r),
        settleUnconfirmed(orderId, paid) {
            const o = store.get(orderId);
            if (!o || o.s !== 'p' || !unconfirmed.has(orderId))
                return;
            unconfirmed.delete(orderId);
            if (!paid)
                return store.remove([orderId]);
            store.put(orderId, { s: ORDER_STATE.queued, r: o.r });
            flushSoon();
        },
        close() {
            queue.close();
            undo.splice(0).forEach((u) => u());
        },
    };
}

const OK = { ok: true };
/** Pure: whether `item` can be bought now, and if not, the first reason that applies. */
function canPurchase(item, ctx = {}) {
    var _a;
    if (ctx.cannotPayReason)
        return { ok: false, reason: 'platform-cannot-pay' };
    if (ctx.purchaseInProgress)
        return { ok: false, reason: 'purchase-in-progress' };
    if ('firstChargeOnly' in item) {
        if (item.firstChargeOnly === true && ((_a = item.purchaseCount) !== null && _a !== void 0 ? _a : 0) >= 1)
            return { ok: false, reason: 'limit-reached' };
        if (item.firstChargeOnly === null && item.badge === 'first-charge')
            return { ok: false, reason: 'user-state-unknown' };
        if (item.price === 0)
            return { ok: false, reason: 'not-for-sale' };
        return OK;
    }
    if (item.trialDays > 0) {
        if (item.purchaseCount === null)
            return { ok: false, reason: 'user-state-unknown' };
        if (item.purchaseCount > 0)
            return { ok: false, reason: 'trial-used' };
        return OK;
    }
    if (item.price === 0)
        return { ok: false, reason: 'not-for-sale' };
    return OK;
}

/**
 * ISO 4217 minor-unit exponents. Only currencies whose exponent is not 2 are listed in EXPONENT_EXCEPTIONS;
 * KNOWN lists the codes we accept (the common ones of the markets the platforms serve).
 */
const EXPONENT_EXCEPTIONS = {
    BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
    VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
    BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};
const KNOWN = new Set(('AED ARS AUD BDT BGN BRL CAD CHF CNY COP CZK DKK EGP EUR GBP HKD HUF IDR ILS INR KES KZT MAD MOP MXN MYR ' +
    'NGN NOK NZD PEN PHP PKR PLN QAR RON RSD RUB SAR SEK SGD THB TRY TWD UAH USD ZAR')
    .split(' ')
    .concat(Object.keys(EXPONENT_EXCEPTIONS)));
/** Digits after the decimal point for `currency` (KRW, JPY: 0; USD, CNY: 2; KWD: 3). */
function currencyExponent(currency) {
    var _a;
    if (!KNOWN.has(currency))
        throw new RangeError(`unknown currency ${JSON.stringify(currency)}`);
    return (_a = EXPONENT_EXCEPTIONS[currency]) !== null && _a !== void 0 ? _a : 2;
}

/**
 * Prices for display, hand-written: some mini-game base libraries ship without `Intl`, and the store must look
 * the same on all of them. `formatPrice(999, 'CNY')` → `¥9.99`, `(4999, 'USD')` → `$49.99`, `(1200, 'KRW')` →
 * `₩1,200`. A currency without a symbol here is written with its code (`CHF 12.50`).
 */
const SYMBOLS = {
    CNY: '¥', JPY: '¥', USD: '$', KRW: '₩', EUR: '€', GBP: '£', HKD: 'HK$', TWD: 'NT$', MOP: 'MOP$', SGD: 'S$',
    AUD: 'A$', CAD: 'CA$', NZD: 'NZ$', MXN: 'MX$', BRL: 'R$', INR: '₹', RUB: '₽', THB: '฿', VND: '₫', PHP: '₱',
    IDR: 'Rp', MYR: 'RM', TRY: '₺', ILS: '₪', UAH: '₴', NGN: '₦',
};
/** Per currency, so the exponent table and symbol are looked up once, not per price. */
const formats = new Map();
function formatPrice(amountMinor, currency, options) {
    const f = formatOf(currency);
    return options && options.trimZeroFraction === true ? format(amountMinor, f, true) : f.format(amountMinor);
}
/**
 * The formatter of `currency`: what a list of prices in one currency calls per price, so the currency is looked up
 * once per list rather than once per price.
 */
function priceFormatter(currency) {
    return formatOf(currency).format;
}
function formatOf(currency) {
    var _a, _b;
    let f = formats.get(currency);
    if (!f) {
        const exp = exponentOf(currency);
        const prefix = (_a = SYMBOLS[currency]) !== null && _a !== void 0 ? _a : `${currency} `;
        const pow = (_b = POW10[exp]) !== null && _b !== void 0 ? _b : 10 ** exp;
        /** The symbol and the whole part, for whole parts below 1000 (most prices): one table read, no concatenation. */
        let heads;
        const c = {
            exp,
            prefix,
            // The common case, a whole number of minor units, in number arithmetic with no padding or slicing;
            // anything else (negative, fractional, huge) goes the general way.
            format: (n) => {
                if (!(n >= 0 && n <= MAX_FAST && n % 1 === 0))
                    return format(n, c, false);
                const whole = exp === 0 ? n : Math.floor(n / pow);
                const h = (heads || (heads = BELOW_1000.map((d) => prefix + d)));
                const low = whole % 1000;
                const text = whole < 1000 ? h[whole] : whole < 1e6 ? h[(whole - low) / 1000] + GROUPS[low] : prefix + groupInteger(whole);
                return exp === 0 ? text : text + (exp === 2 ? FRACTIONS_2[n - whole * 100] : fraction(n - whole * pow, exp));
            },
        };
        formats.set(currency, c);
        f = c;
    }
    return f;
}
/** Up to here `formatPrice` takes the fast path (1e15: every digit exact in a double). */
const MAX_FAST = 1e15;
/** `1234567` → `1,234,567`, for a non-negative integer. */
function groupInteger(n) {
    const low = n % 1000;
    const high = (n - low) / 1000;
    return (high < 1000 ? BELOW_1000[high] : groupInteger(high)) + GROUPS[low];
}
// Number-to-text conversion is most of what formatting a price costs (a cache miss per distinct number in V8): the
// digits of 0..999 are written once, and a price is put together from them.
/** `String(n)` for a count (a non-negative integer), from the same digit tables: `integerText(4090)` → `4090`. */
function integerText(n) {
    if (n >= 0 && n < 1e6 && n % 1 === 0)
        return n < 1000 ? BELOW_1000[n] : BELOW_1000[(n / 1000) | 0] + PADDED_3[n % 1000];
    return String(n);
}
/** `0` … `999`. */
const BELOW_1000 = Array.from({ length: 1000 }, (_, i) => String(i));
/** `000` … `999`. */
const PADDED_3 = BELOW_1000.map((d) => (d.length === 1 ? '00' : d.length === 2 ? '0' : '') + d);
/** `,000` … `,999`. */
const GROUPS = PADDED_3.map((d) => ',' + d);
/** The decimal part of an amount: `.` and `exp` digits. */
function fraction(frac, exp) {
    const digits = String(frac);
    return digits.length === exp ? `.${digits}` : `.${'0'.repeat(exp - digits.length)}${digits}`;
}
/** `.00` … `.99`. */
const FRACTIONS_2 = Array.from({ length: 100 }, (_, i) => (i < 10 ? '.0' : '.') + i);
function format(amountMinor, f, trimZeroFraction) {
    var _a;
    // Integer arithmetic rather than string surgery: a cold render formats a few thousand prices.
    const negative = amountMinor < 0;
    const abs = Math.round(negative ? -amountMinor : amountMinor);
    const pow = (_a = POW10[f.exp]) !== null && _a !== void 0 ? _a : 10 ** f.exp;
    const whole = Math.floor(abs / pow);
    const fracValue = abs - whole * pow;
    let text = f.prefix + (whole < 1000 ? String(whole) : groupThousands(String(whole)));
    if (f.exp > 0 && !(trimZeroFraction && fracValue === 0)) {
        const frac = String(fracValue);
        text += frac.length === f.exp ? `.${frac}` : `.${'0'.repeat(f.exp - frac.length)}${frac}`;
    }
    return negative ? `-${text}` : text;
}
const POW10 = [1, 10, 100, 1000, 10000];
function exponentOf(currency) {
    try {
        return currencyExponent(currency);
    }
    catch (_a) {
        // An unknown code is displayed, not refused: the relay has already vetted what it serves.
        return 2;
    }
}
function groupThousands(whole) {
    if (whole.length <= 3)
        return whole;
    let out = whole.slice(0, whole.length % 3 || 3);
    for (let i = out.length; i < whole.length; i += 3)
        out += `,${whole.slice(i, i + 3)}`;
    return out;
}

const DAYS = { week: 7, month: 365 / 12, year: 365 };
/**
 * Per-week and per-day prices in minor units for a subscription, rounded half up. The recurring price is what a
 * period costs once any free trial is over: `originalPrice` when the item is free now (a trial), else `price`.
 * The spec's own yearly example checks it: 4999 a year is 96 a week and 14 a day.
 */
function perPeriodPrices(item) {
    if (!item.period)
        return { perWeek: 0, perDay: 0 };
    const recurring = item.price === 0 && item.trialDays > 0 ? item.originalPrice : item.price;
    const days = DAYS[item.period];
    return { perWeek: Math.round((recurring * 7) / days), perDay: Math.round(recurring / days) };
}

/**
 * Sorts a copy of `items` by `compare`, fast: a non-negative integer `primary` key that agrees with `compare`
 * (a smaller key always sorts first) lets the bulk of the work be a native numeric sort of a Float64Array of
 * `key * M + index`, about three times faster than `Array.prototype.sort` with a JS comparator on a few hundred
 * items; runs of equal keys are then ordered by `compare`. Falls back to the comparator sort when the packed keys
 * would not be exact. Input already in order (the common case: servers send price order) costs one linear pass.
 */
function sortByKey(items, primary, compare) {
    const n = items.length;
    let inOrder = true;
    for (let i = 1; i < n && inOrder; i++)
        inOrder = compare(items[i - 1], items[i]) <= 0;
    if (inOrder)
        return items.slice();
    let m = 1;
    while (m < n)
        m *= 2;
    const buffers = takeBuffers(n);
    const { primaries, from } = buffers;
    let max = 0;
    for (let i = 0; i < n; i++) {
        const k = primary(items[i]);
        if (!(k >= 0 && Number.isSafeInteger(k * m + m))) {
            giveBack(buffers);
            return items.slice().sort(compare);
        }
        primaries[i] = k;
        if (k > max)
            max = k;
    }
    // Where each sorted position came from. Keys that fit 32 bits (prices below ~8 million minor units in a list of
    // 500) sort as a Uint32Array, about three times faster than a Float64Array.
    if ((max + 1) * m <= 0x100000000) {
        for (let i = 0; i < n; i++)
            from[i] = primaries[i] * m + i;
        from.sort();
        for (let i = 0; i < n; i++)
            from[i] = from[i] % m;
    }
    else {
        const keys = new Float64Array(n);
        for (let i = 0; i < n; i++)
            keys[i] = primaries[i] * m + i;
        keys.sort();
        for (let i = 0; i < n; i++)
            from[i] = keys[i] % m;
    }
    const out = new Array(n);
    for (let i = 0; i < n; i++)
        out[i] = items[from[i]];
    // Equal primary keys came out in input order: note each such run, then order it by the full comparison (after
    // the buffers are given back, so a comparator that sorts too cannot disturb them).
    let runs;
    let start = 0;
    for (let i = 1; i <= n; i++) {
        if (i === n || primaries[from[i]] !== primaries[from[start]]) {
            if (i - start > 1)
                (runs || (runs = [])).push(start, i);
            start = i;
        }
    }
    giveBack(buffers);
    if (runs) {
        for (let r = 0; r < runs.length; r += 2) {
            const run = out.slice(runs[r], runs[r + 1]).sort(compare);
            for (let j = 0; j < run.length; j++)
                out[runs[r] + j] = run[j];
        }
    }
    return out;
}
// Allocating typed arrays costs about as much as sorting them: a store renders lists of the same few lengths again
// and again, so the buffers of each length are kept (a handful of lengths at most) and reused.
const spare = new Map();
function takeBuffers(n) {
    const b = spare.get(n);
    if (b) {
        // Taken out while in use, so a nested call (a comparator that sorts) gets its own.
        spare.delete(n);
        return b;
    }
    return { primaries: new Float64Array(n), from: new Uint32Array(n) };
}
function giveBack(b) {
    if (spare.size >= 8)
        spare.clear();
    spare.set(b.from.length, b);
}

const ENGLISH_LABELS = {
    badges: {
        'first-charge': 'First charge',
        recommend: 'Recommended',
        hot: 'Hot',
        'best-deal': 'Best deal',
        discount: 'Sale',
        'creator-pack': 'Creator pack',
        'ultra-pack': 'Ultra pack',
    },
    perPeriod: { week: '/wk', month: '/mo', year: '/yr' },
    perDay: '/day',
    trial: (days) => `${days}-day free trial`,
    intro: (price, n, period, then) => `${price} for ${n} ${period ? period + (n === 1 ? '' : 's') : n === 1 ? 'period' : 'periods'}, then ${then}`,
    periodNames: { week: 'Weekly', month: 'Monthly', year: 'Yearly' },
    percentOff: (p) => `-${p}%`,
    unit: 'diamonds',
    title: (quantity, unit) => `${quantity} ${unit}`,
    buy: 'Buy',
    tryFree: 'Try free',
    reasons: {
        'limit-reached': 'Already bought',
        'platform-cannot-pay': 'Not available on this device',
        'trial-used': 'Trial already used',
        'user-state-unknown': 'Connect to check',
        'purchase-in-progress': 'Payment in progress',
        'not-for-sale': 'Not for sale',
    },
    loading: 'Loading…',
    unavailable: (error) => `Store unavailable: ${error}`,
    stale: 'Prices may be out of date',
    sandbox: 'SANDBOX: no real money is charged',
    paid: (price) => `Paid ${price}`,
    cancelled: 'Cancelled',
    failed: (error) => `Payment failed${error ? `: ${error}` : ''}`,
};
const PERIOD_ZH = { week: '周', month: '月', year: '年' };
const CHINESE_LABELS = {
    badges: {
        'first-charge': '首充',
        recommend: '推荐',
        hot: '热卖',
        'best-deal': '超值',
        discount: '特惠',
        'creator-pack': '创作者礼包',
        'ultra-pack': '至尊礼包',
    },
    perPeriod: { week: '/周', month: '/月', year: '/年' },
    perDay: '/天',
    trial: (days) => `免费试用${days}天`,
    intro: (price, n, period, then) => `前${n}${period ? PERIOD_ZH[period] : '期'} ${price}，之后 ${then}`,
    periodNames: { week: '周卡', month: '月卡', year: '年卡' },
    percentOff: (p) => `-${p}%`,
    unit: '钻石',
    title: (quantity, unit) => `${quantity} ${unit}`,
    buy: '购买',
    tryFree: '免费试用',
    reasons: {
        'limit-reached': '已购买',
        'platform-cannot-pay': '此设备暂不支持购买',
        'trial-used': '已试用过',
        'user-state-unknown': '联网后查看',
        'purchase-in-progress': '支付中',
        'not-for-sale': '暂不出售',
    },
    loading: '加载中…',
    unavailable: (error) => `商店暂不可用：${error}`,
    stale: '价格可能不是最新',
    sandbox: '沙盒：不会真实扣款',
    paid: (price) => `已支付 ${price}`,
    cancelled: '已取消',
    failed: (error) => `支付失败${error ? `：${error}` : ''}`,
};
/**
 * The labels for a platform language (`zh_CN`, `zh-TW`, `en-US`, as `getAppBaseInfo().language` or
 * `navigator.language` give it): Chinese for `zh*`, English otherwise; `overrides` replace single labels.
 */
function storeLabelsFor(language, overrides = {}) {
    const base = /^zh/i.test(language !== null && language !== void 0 ? language : '') ? CHINESE_LABELS : ENGLISH_LABELS;
    const own = {};
    for (const key of Object.keys(overrides)) {
        if (overrides[key] !== undefined && overrides[key] !== '')
            own[key] = overrides[key];
    }
    return Object.assign(Object.assign({}, base), own);
}

function buildStoreViewModel(catalog, options = {}) {
    var _a;
    const labels = (_a = options.labels) !== null && _a !== void 0 ? _a : ENGLISH_LABELS;
    const sells = (item) => options.currency === undefined || item.currency === options.currency;
    const sub = (s) => (s && sells(s) ? subscriptionView(s, options, labels) : null);
    // Plain loops into arrays of known length: this runs on every store render, 500 items within 1% of a frame.
    const packs = sortPacks(options.currency === undefined ? catalog.packs : catalog.packs.filter(sells));
    const packViews = new Array(packs.length);
    for (let i = 0; i < packs.length; i++)
        packViews[i] = packView(packs[i], options, labels);
    const subs = sortSubscriptions(options.currency === undefined ? catalog.subscriptions : catalog.subscriptions.filter(sells));
    const subViews = new Array(subs.length);
    for (let i = 0; i < subs.length; i++)
        subViews[i] = subscriptionView(subs[i], options, labels);
    return {
        stale: catalog.stale,
        packs: packViews,
        subscriptions: subViews,
        pages: {
            discount: sub(catalog.pages.discount),
            secret: sub(catalog.pages.secret),
            trial: sub(catalog.pages.subscribe.trial),
            weekly: sub(catalog.pages.subscribe.weekly),
            yearly: sub(catalog.pages.subscribe.yearly),
        },
    };
}
/** Cheapest first; at one price, more diamonds first; then by product id so the order never flickers. */
function sortPacks(packs) {
    return sortByKey(packs, (p) => p.price, comparePacks);
}
/** By group (ungrouped last), cheapest first within a group, then by product id. */
function sortSubscriptions(subs) {
    // Packed key: group rank (ungrouped last) above price.
    let min = 0;
    let max = 0;
    let maxPrice = 0;
    for (const s of subs) {
        if (s.group !== null) {
            min = Math.min(min, s.group);
            max = Math.max(max, s.group);
        }
        maxPrice = Math.max(maxPrice, s.price);
    }
    const span = maxPrice + 1;
    return sortByKey(subs, (s) => ((s.group === null ? max + 1 : s.group) - min) * span + s.price, compareSubscriptions);
}
function comparePacks(a, b) {
    return a.price - b.price || b.quantity + b.bonus - (a.quantity + a.bonus) || compareText(a.productId, b.productId);
}
function compareSubscriptions(a, b) {
    return groupOf(a) - groupOf(b) || a.price - b.price || compareText(a.productId, b.productId);
}
function groupOf(s) {
    return s.group === null ? Number.MAX_SAFE_INTEGER : s.group;
}
function packView(p, ctx, labels) {
    const off = percentOff(p.price, p.originalPrice);
    const fmt = formatterOf(p.currency);
    return {
        kind: 'pack',
        key: p.productId,
        productId: p.productId,
        priceText: fmt(p.price),
        originalPriceText: p.originalPrice > p.price ? fmt(p.originalPrice) : null,
        percentOff: off,
        percentOffText: off > 0 ? labels.percentOff(off) : null,
        badge: p.badge,
        badgeText: p.badge ? labels.badges[p.badge] : null,
        canPurchase: canPurchase(p, ctx),
        quantity: p.quantity,
        bonus: p.bonus,
        quantityText: quantityText(p.quantity, p.bonus),
        firstChargeOnly: p.firstChargeOnly,
        item: p,
    };
}
function subscriptionView(s, ctx, labels) {
    var _a;
    const isTrial = s.trialDays > 0 && s.price === 0;
    // A free trial is not "100% off": it gets its own line, and the renewal price says what follows.
    const off = isTrial ? 0 : percentOff(s.price, s.originalPrice);
    const computed = perPeriodPrices(s);
    const perWeek = s.perWeek > 0 ? s.perWeek : computed.perWeek;
    const perDay = s.perDay > 0 ? s.perDay : computed.perDay;
    const renewal = isTrial || s.discountPeriods > 0 ? s.originalPrice : s.price;
    const format = formatterOf(s.currency);
    const priceText = format(s.price);
    const originalText = s.originalPrice === s.price ? priceText : format(s.originalPrice);
    // Most of a subscription's figures are its price or its original price: format each amount once.
    const renewalText = s.period ? (renewal === s.price ? priceText : renewal === s.originalPrice ? originalText : format(renewal)) + labels.perPeriod[s.period] : null;
    return {
        kind: 'subscription',
        key: s.productId,
        productId: s.productId,
        priceText,
        originalPriceText: !isTrial && s.originalPrice > s.price ? originalText : null,
        percentOff: off,
        percentOffText: off > 0 ? labels.percentOff(off) : null,
        badge: s.badge,
        badgeText: s.badge ? labels.badges[s.badge] : null,
        canPurchase: canPurchase(s, ctx),
        quantity: s.quantity,
        bonus: s.bonus,
        quantityText: quantityText(s.quantity, s.bonus),
        period: s.period,
        periodText: (_a = s.periodLabel) !== null && _a !== void 0 ? _a : (s.period ? labels.periodNames[s.period] : null),
        trialDays: s.trialDays,
        trialText: s.trialDays > 0 ? labels.trial(s.trialDays) : null,
        perWeek,
        perDay,
        perWeekText: perWeek > 0
            ? renewalText !== null && s.period === 'week' && perWeek === renewal
                ? renewalText
                : (perWeek === s.price ? priceText : perWeek === s.originalPrice ? originalText : format(perWeek)) + labels.perPeriod.week
            : null,
        perDayText: perDay > 0 ? format(perDay) + labels.perDay : null,
        renewalText,
        introText: s.discountPeriods > 0 && s.originalPrice > s.price && renewalText
            ? labels.intro(priceText, s.discountPeriods, s.period, renewalText)
            : null,
        item: s,
    };
}
/** The formatters of the last two currencies asked for: a catalog is in one currency, or two taking turns. */
let lastCurrency = '';
let lastFormatter;
let otherCurrency = '';
let otherFormatter;
function formatterOf(currency) {
    if (currency === lastCurrency && lastFormatter)
        return lastFormatter;
    const f = currency === otherCurrency && otherFormatter ? otherFormatter : priceFormatter(currency);
    otherCurrency = lastCurrency;
    otherFormatter = lastFormatter;
    lastCurrency = currency;
    lastFormatter = f;
    return f;
}
function percentOff(price, original) {
    return original > price && original > 0 ? Math.floor(((original - price) * 100) / original) : 0;
}
function quantityText(quantity, bonus) {
    return bonus > 0 ? integerText(quantity) + ' + ' + integerText(bonus) : integerText(quantity);
}
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The catalog with every pack and every subscription (the list and the special pages) passed through `pack` and
 * `sub`; everything else as it was. One walk for the places that rewrite per-player fields.
 */
function mapCatalogItems(catalog, pack, sub) {
    const page = (s) => (s ? sub(s) : null);
    const { pages } = catalog;
    return Object.assign(Object.assign({}, catalog), { packs: catalog.packs.map(pack), subscriptions: catalog.subscriptions.map(sub), pages: {
            discount: page(pages.discount),
            secret: page(pages.secret),
            subscribe: { trial: page(pages.subscribe.trial), weekly: page(pages.subscribe.weekly), yearly: page(pages.subscribe.yearly) },
        } });
}

/**
 * The catalog as it stands after this session's paid purchases: the relay's copy is cached for minutes, but a
 * first-charge pack or a trial bought a second ago must already show as used. Counts only go up, and only on
 * items that carry a per-player limit; unknown counts (`null`) stay unknown except that a purchase makes them 1.
 */
function applyLocalPurchases(catalog, bought) {
    if (bought.size === 0)
        return catalog;
    const bump = (item) => {
        var _a;
        const n = bought.get(item.productId);
        if (!n)
            return item;
        const limited = 'firstChargeOnly' in item ? item.firstChargeOnly !== false : item.trialDays > 0;
        if (!limited)
            return item;
        const withCount = Object.assign(Object.assign({}, item), { purchaseCount: ((_a = item.purchaseCount) !== null && _a !== void 0 ? _a : 0) + n });
        return 'firstChargeOnly' in withCount && withCount.firstChargeOnly === null
            ? Object.assign(Object.assign({}, withCount), { firstChargeOnly: true }) : withCount;
    };
    return mapCatalogItems(catalog, bump, bump);
}

/**
 * The store's behaviour without any UI: load the catalog, build the view model, buy on tap (one sheet at a
 * time), show paid / cancelled / failed, retry a stale catalog, and re-render only when what is shown changed.
 * `PurchaseStore` (Cocos) and the demo page are thin bindings of it.
 */
function createStoreController(kit, options) {
    var _a, _b, _c;
    const setTimer = (_a = options.setTimer) !== null && _a !== void 0 ? _a : ((fn, ms) => setTimeout(fn, ms));
    const clearTimer = (_b = options.clearTimer) !== null && _b !== void 0 ? _b : ((h) => clearTimeout(h));
    const labels = (_c = options.labels) !== null && _c !== void 0 ? _c : storeLabelsFor(options.language);
    const bought = new Map();
    let catalog = null;
    let shown = '';
    let timer;
    let disposed = false;
    let current = { status: 'loading', view: null, error: null, purchasing: null, lastResult: null };
    function emit(patch) {
        if (disposed)
            return;
        const view = catalog
            ? buildStoreViewModel(applyLocalPurchases(catalog, bought), {
                labels,
                currency: options.currency,
                cannotPayReason: kit.cannotPayReason(),
                purchaseInProgress: (patch.purchasing !== undefined ? patch.purchasing : current.purchasing) !== null,
            })
            : null;
        const signature = view ? JSON.stringify(view, (k, v) => (k === 'item' ? undefined : v)) : '';
        const viewChanged = signature !== shown;
        shown = signature;
        current = Object.assign(Object.assign(Object.assign({}, current), patch), { view });
        options.onState(current, viewChanged);
    }
    async function load() {
        var _a, _b;
        if (timer !== undefined)
            clearTimer(timer);
        timer = undefined;
        try {
            catalog = await kit.getCatalog();
            emit({ status: 'ready', error: null });
            if (catalog.stale && !disposed)
                timer = setTimer(() => void load(), (_a = options.staleRetryMs) !== null && _a !== void 0 ? _a : 3000);
        }
        catch (e) {
            if (catalog)
                emit({ status: 'ready' });
            else
                emit({ status: 'unavailable', error: (_b = e === null || e === void 0 ? void 0 : e.message) !== null && _b !== void 0 ? _b : String(e) });
        }
    }
    function find(productId) {
        var _a;
        const v = current.view;
        if (!v)
            return undefined;
        const pages = [v.pages.discount, v.pages.secret, v.pages.trial, v.pages.weekly, v.pages.yearly];
        return (_a = [...v.packs, ...v.subscriptions, ...pages].find((i) => (i === null || i === void 0 ? void 0 : i.productId) === productId)) !== null && _a !== void 0 ? _a : undefined;
    }
    return {
        load,
        async tap(productId) {
            var _a, _b;
            const item = find(productId);
            if (!item || !item.canPurchase.ok || current.purchasing !== null)
                return undefined;
            emit({ purchasing: productId });
            let result;
            try {
                const name = labels.title(item.quantityText, options.unit || labels.unit).slice(0, 128);
                const r = await kit.purchase(Object.assign(Object.assign({}, item.item), { name }));
                if (r.status === 'paid')
                    bought.set(productId, ((_a = bought.get(productId)) !== null && _a !== void 0 ? _a : 0) + 1);
                result = { productId, status: r.status, orderId: r.orderId, message: resultMessage(labels, r.status, item.priceText, (_b = r.error) === null || _b === void 0 ? void 0 : _b.message) };
            }
            catch (e) {
                result = { productId, status: 'failed', orderId: '', message: resultMessage(labels, 'failed', item.priceText, e === null || e === void 0 ? void 0 : e.message) };
            }
            emit({ purchasing: null, lastResult: result });
            return result;
        },
        state: () => current,
        dispose() {
            disposed = true;
            if (timer !== undefined)
                clearTimer(timer);
            timer = undefined;
        },
    };
}
function resultMessage(labels, status, priceText, error) {
    if (status === 'paid')
        return labels.paid(priceText);
    if (status === 'cancelled')
        return labels.cancelled;
    return labels.failed(error);
}

/** `unit` is what the game calls its currency (default: the labels' own, `diamonds` / `钻石`). */
function storeItemTexts(view, unit, labels = ENGLISH_LABELS) {
    var _a, _b, _c, _d, _e;
    const blocked = view.canPurchase.ok ? null : view.canPurchase.reason;
    const badge = (_b = (_a = view.badgeText) !== null && _a !== void 0 ? _a : view.percentOffText) !== null && _b !== void 0 ? _b : '';
    let detail;
    if (view.kind === 'pack') {
        detail = view.percentOffText && view.badgeText ? view.percentOffText : '';
    }
    else {
        detail = (_d = (_c = view.trialText) !== null && _c !== void 0 ? _c : view.introText) !== null && _d !== void 0 ? _d : [view.periodText, view.perWeekText].filter(Boolean).join(' · ');
    }
    if (blocked)
        detail = labels.reasons[blocked];
    return {
        title: labels.title(view.quantityText, unit || labels.unit),
        price: view.priceText,
        originalPrice: (_e = view.originalPriceText) !== null && _e !== void 0 ? _e : '',
        badge,
        detail,
        buyEnabled: blocked === null,
        buyText: blocked === 'purchase-in-progress' ? '…' : view.kind === 'subscription' && view.trialDays > 0 ? labels.tryFree : labels.buy,
    };
}
/** The store's one status line: loading, unavailable, the last result, out-of-date prices, the sandbox notice. */
function storeStatusText(state, sandbox, labels = ENGLISH_LABELS) {
    var _a, _b;
    const parts = [];
    if (state.status === 'loading')
        parts.push(labels.loading);
    if (state.status === 'unavailable')
        parts.push(labels.unavailable((_a = state.error) !== null && _a !== void 0 ? _a : '?'));
    if (state.lastResult)
        parts.push(state.lastResult.message);
    if ((_b = state.view) === null || _b === void 0 ? void 0 : _b.stale)
        parts.push(labels.stale);
    if (sandbox)
        parts.push(labels.sandbox);
    return parts.join(' · ');
}

/**
 * The rows `PurchaseStore` lists, with their texts: one place that hands the same unit and labels to every title
 * (packs, subscriptions and the subscribe page's offers alike).
 */
function storeRows(view, options = {}) {
    const views = options.listSubscriptions === false ? view.packs : [...view.packs, ...view.subscriptions];
    return views.map((v) => storeRow(v, options));
}
function storeRow(view, options = {}) {
    var _a;
    return { productId: view.productId, view, texts: storeItemTexts(view, options.unit, (_a = options.labels) !== null && _a !== void 0 ? _a : ENGLISH_LABELS) };
}
/** The two lines of a row in the store `PurchaseStore` builds when it has no item prefab. */
function defaultRowLines(t) {
    const price = t.originalPrice ? `${t.price} (${t.originalPrice})` : t.price;
    return {
        title: t.badge ? `${t.title}  [${t.badge}]` : t.title,
        detail: [price, t.detail].filter(Boolean).join(' · '),
        button: t.buyText,
    };
}

export { CATALOG_CACHE_KEY_PREFIX, CHINESE_LABELS, CatalogUnavailableError, ENGLISH_LABELS, InvalidReportError, NetworkError, OrderRefusedError, PaymentFailedError, PaymentInProgressError, PlatformCannotPayError, PurchaseError, RelayError, RelayRejectedError, SANDBOX_NOTICE, SDK_VERSION, StorageFullError, applyLocalPurchases, buildStoreViewModel, canPurchase, catalogProblem, classifyPaymentError, createCatalogClient, createPurchaseKit, createQqPlatform, createStoreController, createTtPlatform, createWebPlatform, createWxPlatform, defaultRowLines, detectPlatform, formatPrice, isCatalog, isPurchaseReport, reportProblem, sortPacks, sortSubscriptions, storeItemTexts, storeLabelsFor, storeRow, storeRows, storeStatusText };
