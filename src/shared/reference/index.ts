export * from './record';
export * from './cells';
export * from './duo';
export * from './programmes';
export * from './plan';
export * from './read';
export * from './check';
