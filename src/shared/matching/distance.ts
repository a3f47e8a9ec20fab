import { PC2_CENTROIDS } from './postcode-areas';

/** Distance between two postcodes in the same PC2 area: half an area's typical width. */
export const SAME_AREA_KM = 5;

/** Centroids by PC2 number (10–99) in a flat array: the hot path of ranking does no string work. */
const LAT = new Float64Array(100).fill(NaN);
const LON = new Float64Array(100).fill(NaN);
for (const [k, [lat, lon]] of Object.entries(PC2_CENTROIDS)) {
  LAT[Number(k)] = lat;
  LON[Number(k)] = lon;
}

/** The PC2 area number (10–99) of a postcode such as `1234 AB` or `1234`, or -1. */
export function postcodeArea(postcode: string | undefined): number {
  if (!postcode || postcode.length < 2) return -1;
  const a = postcode.charCodeAt(0) - 48;
  const b = postcode.charCodeAt(1) - 48;
  if (a < 1 || a > 9 || b < 0 || b > 9) return -1;
  const n = a * 10 + b;
  return Number.isNaN(LAT[n]) ? -1 : n;
}

export function postcodeCentroid(postcode: string | undefined): readonly [number, number] | null {
  const n = postcodeArea(postcode);
  return n < 0 ? null : [LAT[n]!, LON[n]!];
}

const KM_PER_DEG_LAT = 111.2;
/** cos(52.2°): the Netherlands is small enough for one equirectangular scale. */
const KM_PER_DEG_LON = 111.2 * Math.cos((52.2 * Math.PI) / 180);

/** Distance in km between two PC2 areas (from postcodeArea), or -1 when one is unknown. */
export function areaDistanceKm(a: number, b: number): number {
  if (a < 0 || b < 0) return -1;
  if (a === b) return SAME_AREA_KM;
  const dy = (LAT[a]! - LAT[b]!) * KM_PER_DEG_LAT;
  const dx = (LON[a]! - LON[b]!) * KM_PER_DEG_LON;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Approximate distance in whole km between two Dutch postcodes, or null when one is unknown. */
export function postcodeDistanceKm(a: string | undefined, b: string | undefined): number | null {
  const d = areaDistanceKm(postcodeArea(a), postcodeArea(b));
  return d < 0 ? null : Math.round(d);
}
