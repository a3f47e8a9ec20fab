import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../scripts/server-flags.mjs';

const root = path.resolve(__dirname, '../..');

describe("the sync server's Node flags (scripts/server-flags.mjs)", () => {
  it('are given wherever the server is started: npm run sync-server, npm start, and tsx passes them on to Node', async () => {
    expect(SERVER_NODE_FLAGS).toContain('--max-semi-space-size=64');
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const flag of SERVER_NODE_FLAGS) expect(pkg.scripts['sync-server']!.split(/\s+/)).toContain(flag);
    expect(await readFile(path.join(root, 'scripts/start.mjs'), 'utf8')).toMatch(/cli\.mjs'\), \.\.\.SERVER_NODE_FLAGS, join\(root, 'sync-server\/main\.ts'\)/);
    // The way both start it: tsx's CLI with the flags before the script; they must reach Node itself.
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), ...SERVER_NODE_FLAGS, '-e', 'console.log(JSON.stringify(process.execArgv))'], { cwd: root });
    const execArgv = JSON.parse(stdout.trim().split('\n').pop()!) as string[];
    for (const flag of SERVER_NODE_FLAGS) expect(execArgv).toContain(flag);
  });
});
