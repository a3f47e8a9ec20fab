/**
 * With BENCH_PROFILE=<dir>: a V8 CPU profile of the bench process itself (the RxDB client) for
 * one phase, written as <dir>/client-<phase>.cpuprofile. The server's profiles come from
 * cpu-profile.mjs; this one shows the client's share (storage inserts, cloning, GC).
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export async function profiled<T>(dir: string | undefined, phase: string, run: () => Promise<T>): Promise<T> {
  if (!dir) return run();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 1000 });
  await post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await post('Profiler.stop');
    writeFileSync(path.join(dir, `client-${phase.replace(/[^a-z0-9-]+/gi, '_')}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
