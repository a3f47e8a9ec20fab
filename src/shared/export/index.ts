export * from './injection';
export * from './table';
