import { configFromEnv } from './config';
import { startServer } from './server';

/** Entry point: environment → configuration → server. Logs the URL, never a secret. */
async function main(): Promise<void> {
  const config = configFromEnv();
  const server = await startServer(config);
  console.log(`Regiodesk sync server listening on ${server.url} (data: ${config.dataDir}${config.demo ? ', demo' : ''})`);
  console.log(`Web app: ${server.url}/app/`);
  const stop = () => {
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('sync-server failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
