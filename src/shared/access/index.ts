export * from './roles';
export * from './rules';
