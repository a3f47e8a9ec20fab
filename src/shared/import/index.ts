// The file reader (parse.ts) is left out on purpose: it pulls papaparse and read-excel-file,
// which only the import worker, the admin CLI and the benchmark need. Import it from './parse'.
export * from './headers';
export * from './normalize';
export * from './values';
export * from './duplicates';
export * from './plan';
export * from './merge';
