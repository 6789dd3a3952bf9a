// The client runtime a store loads (Cocos drop-in, demo page): the kit's public API and the catalog's, in one
// module. Built by rollup.config.js (the drop-in's runtime and the demo's IIFE).
export * from '../index';
export * from './index';
