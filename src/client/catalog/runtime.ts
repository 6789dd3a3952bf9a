// The client runtime a store loads (Cocos drop-in, demo page): the kit's public API and the catalog's, in one
// module. Built by scripts/build-cocos-runtime.js and by the demo at start-up.
export * from '../index';
export * from './index';
