// Preloaded into a server process (NODE_OPTIONS=--import …, since --cpu-prof is not allowed in
// NODE_OPTIONS) by BENCH_PROFILE=<dir>: records a V8 CPU profile per phase. SIGUSR2 writes the
// profile so far as <dir>/server-<pid>-<n>.cpuprofile and starts the next; exit writes the last.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.env.BENCH_PROFILE;
if (dir) {
  const session = new Session();
  session.connect();
  let n = 0;
  const start = () => {
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: 1000 });
    session.post('Profiler.start');
  };
  // The in-thread session answers synchronously, so the profile is written before an exit.
  const write = () =>
    session.post('Profiler.stop', (err, res) => {
      if (!err) writeFileSync(path.join(dir, `server-${process.pid}-${++n}.cpuprofile`), JSON.stringify(res.profile));
    });
  start();
  process.on('SIGUSR2', () => {
    write();
    start();
  });
  process.on('exit', write);
}
