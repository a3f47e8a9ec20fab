import { configFromEnv } from './config';
import { startServer } from './server';
import { logJson } from './security/log';

/** Entry point: environment → configuration → server. Logs the URL, never a secret. */
async function main(): Promise<void> {
  const config = configFromEnv();
  const server = await startServer(config);
  // JSON lines like every other log; the message keeps "listening on <url> " for scripts that wait for it.
  logJson('info', 'started', {
    message: `Regiodesk sync server listening on ${server.url} (web app: ${server.url}/app/)`,
    url: server.url,
    dataDir: config.dataDir,
    demo: config.demo,
    tls: !!config.tls,
  });
  const stop = () => {
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  // A start-up failure is about configuration (port, files, CouchDB URL), never about a person.
  logJson('error', 'start_failed', { message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
