export * from './taxonomy';
export * from './phases';
export * from './sectors';
export * from './functions';
export * from './routes';
export * from './subjects';
export * from './sources';
