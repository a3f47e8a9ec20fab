import { join } from 'node:path';
import type { Deps } from '../couch/deps';
import { PublicIntake } from './handler';
import { INTAKE_DEFAULTS, type IntakeOptions } from './options';
import { IntakeSettingsStore } from './settings';

export { intakeSettingsRoutes } from './settings-routes';
export type { IntakeOptions } from './options';

/** Website intake: the public endpoint and its per-region settings, built once by server.ts. */
export async function createIntake(deps: Deps, options: Partial<IntakeOptions> = {}, erased?: { covers(doc: Record<string, unknown>): boolean }) {
  const settings = await IntakeSettingsStore.open(deps.store, deps.regions);
  const pub = new PublicIntake({
    store: deps.store,
    settings,
    options: { ...INTAKE_DEFAULTS, ...options },
    journalDir: join(deps.config.dataDir, 'intake-journal'),
    // The journal's replay after a crash must not bring back a person erased meanwhile (privacy's erased ids).
    ...(erased ? { erased: (doc: Record<string, unknown>) => erased.covers(doc) } : {}),
  });
  await pub.recover();
  // Journals are prepared only for regions that take submissions (handler.ts, prepare).
  settings.onOrigins = (region) => pub.prepare(region);
  await pub.prepareConfigured();
  return { settings, handle: pub.handle.bind(pub), close: pub.close.bind(pub) };
}
