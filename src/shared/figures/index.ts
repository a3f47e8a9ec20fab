export * from './types';
export * from './aggregate';
