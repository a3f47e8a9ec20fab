export * from './fields';
export * from './mapping';
export * from './snippet';
