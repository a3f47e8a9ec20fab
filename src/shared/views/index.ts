export * from './fields';
export * from './normalize';
export * from './engine';
export * from './history';
