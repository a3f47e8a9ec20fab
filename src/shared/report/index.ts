export * from './quarter';
export * from './compute';
export * from './labels';
export * from './table';
export * from './csv';
