/**
 * Every key the kit writes in platform storage starts with this (versioned, so a future format can live beside
 * this one). The one place the prefix is written.
 */
export const STORAGE_PREFIX = 'mp:v1:';
