export { figuresRoutes } from './routes';
export { Alliances, type Alliance } from './alliances';
export { RegionCandidates } from './source';
