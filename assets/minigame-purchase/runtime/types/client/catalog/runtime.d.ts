export * from '../index';
export * from './index';
