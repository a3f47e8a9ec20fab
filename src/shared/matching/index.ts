export * from './distance';
export * from './score';
export * from './rank';
export { PC2_CENTROIDS } from './postcode-areas';
