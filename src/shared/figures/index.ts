export * from './types';
export * from './aggregate';
export * from './filter';
export * from './journey';
export * from './incremental';
