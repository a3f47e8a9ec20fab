import { createWriteStream } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { REPORT_FLAGS, REPORT_USAGE, ReportUsageError, runAlliances, runReport } from './commands/report';
import { IMPORT_REFERENCE_BOOL_FLAGS, IMPORT_REFERENCE_USAGE, IMPORT_REFERENCE_VALUE_FLAGS, ImportReferenceUsageError, runImportReference } from './commands/import-reference';
import { ndjsonLines } from './commands/ndjson-lines';
import { runRestore } from './commands/restore';
import { IMPORT_CANDIDATES_BOOL_FLAGS, IMPORT_CANDIDATES_USAGE, IMPORT_CANDIDATES_VALUE_FLAGS, ImportCandidatesUsageError, runImportCandidates } from './commands/import-candidates';

/**
 * `npm run admin -- …`: administers a running Regiodesk server over HTTP as an administrator.
 * Exit codes: 0 done, 1 the server refused or failed (or could not be reached), 2 usage error.
 */
export const USAGE = `Regiodesk admin: manage a running Regiodesk server.

Usage: npm run admin -- <command> [arguments] [options]

Regions
  regions list
  regions add <code> <name>                 e.g. regions add twente "Regio Twente"
  regions intake-origins <code> [<origin>...]   websites allowed to send the region's intake form
                                            (replaces the list; without origins: prints it)

Users
  users list
  users add <name> [--member <role>:<region>]... [--admin] [--password <pw>]
                                            without --password a random one is made and printed
  users disable <name>                      cannot log in; sessions and Basic auth stop at once
  users enable <name>
  users reset-password <name> [--password <pw>]   ends the user's sessions
  users set-role <name> <region> <role>     role: supervisor, editor, viewer, or none (removes)
  users set-regions <name> <role>:<region>[,<role>:<region>...]   replaces all memberships
  users set-admin <name> yes|no

Data
  backup <file>     all databases (users and regions included) with their revision histories
  restore <file>    writes a backup back; revisions keep their ids, so replicas see no conflicts
  compact           drops the bodies of old revisions in every database, and of deletions
                    stored with the deleted document's body (a data-free revision on top)

${REPORT_USAGE}

${IMPORT_REFERENCE_USAGE}

${IMPORT_CANDIDATES_USAGE}

Environment
  REGIODESK_URL             server address (default http://127.0.0.1:5984)
  REGIODESK_ADMIN_USER      administrator's name (default admin)
  REGIODESK_ADMIN_PASSWORD  administrator's password (required)

Exit codes: 0 done, 1 the server refused or failed, 2 usage error.
`;

class UsageError extends Error {}
class ServerError extends Error {}

/** Progress of long commands, on a terminal only (a log file gets the result lines, not `\r` updates). */
function progress(s: string): void {
  if (process.stderr.isTTY) process.stderr.write(s);
}

interface Args {
  positional: string[];
  flags: Record<string, string[]>;
}

const VALUE_FLAGS = new Set(['member', 'password', ...REPORT_FLAGS, ...IMPORT_REFERENCE_VALUE_FLAGS, ...IMPORT_CANDIDATES_VALUE_FLAGS]);
const BOOL_FLAGS = new Set(['admin', 'help', ...IMPORT_REFERENCE_BOOL_FLAGS, ...IMPORT_CANDIDATES_BOOL_FLAGS]);

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h') {
      (flags.help ??= []).push('true');
    } else if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (BOOL_FLAGS.has(name)) (flags[name] ??= []).push('true');
      else if (VALUE_FLAGS.has(name)) {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new UsageError(`--${name} needs a value.`);
        (flags[name] ??= []).push(v);
      } else throw new UsageError(`Unknown option --${name}.`);
    } else positional.push(a);
  }
  return { positional, flags };
}

function membership(spec: string): { role: string; region: string } {
  const m = /^([a-z]+):([a-z0-9-]+)$/.exec(spec.trim());
  if (!m) throw new UsageError(`"${spec}" is not <role>:<region>, e.g. editor:twente.`);
  return { role: m[1]!, region: m[2]! };
}

class Client {
  constructor(
    private readonly base: string,
    private readonly auth: string,
  ) {}

  async call(method: string, path: string, body?: unknown, extra: RequestInit = {}): Promise<Response> {
    let res: Response;
    const { headers: extraHeaders, ...init } = extra;
    try {
      res = await fetch(this.base + path, {
        method,
        headers: { Authorization: this.auth, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...((extraHeaders as Record<string, string>) ?? {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...init,
      } as RequestInit);
    } catch (err) {
      throw new ServerError(`Cannot reach the server at ${this.base}: ${(err as Error).cause ?? (err as Error).message}`);
    }
    if (!res.ok) {
      const e = (await res.json().catch(() => ({}))) as { error?: string; reason?: string };
      throw new ServerError(`The server refused (${res.status} ${e.error ?? ''}): ${e.reason ?? res.statusText}`);
    }
    return res;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await (await this.call(method, path, body)).json()) as T;
  }
}

type User = { name: string; admin: boolean; disabled: boolean; memberships: { region: string; role: string }[] };

function printUsers(users: User[], out: (s: string) => void): void {
  if (users.length === 0) return out('No users.');
  for (const u of users) {
    const roles = [u.admin ? 'admin' : '', ...u.memberships.map((m) => `${m.role}:${m.region}`)].filter(Boolean).join(', ') || '(no regions)';
    out(`${u.name.padEnd(20)} ${roles}${u.disabled ? '  [disabled]' : ''}`);
  }
}

async function run(argv: string[], env: NodeJS.ProcessEnv, out: (s: string) => void): Promise<void> {
  const { positional, flags } = parseArgs(argv);
  if (flags.help || positional.length === 0) {
    out(USAGE);
    if (positional.length === 0 && !flags.help) throw new UsageError('Give a command.');
    return;
  }
  const password = env.REGIODESK_ADMIN_PASSWORD;
  if (!password) throw new UsageError('Set REGIODESK_ADMIN_PASSWORD to the administrator\'s password.');
  const base = (env.REGIODESK_URL || 'http://127.0.0.1:5984').replace(/\/+$/, '');
  const user = env.REGIODESK_ADMIN_USER || 'admin';
  const api = new Client(base, 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64'));
  const [group, action, ...rest] = positional;
  const need = (n: number, what: string) => {
    if (rest.length !== n) throw new UsageError(`Usage: ${what}`);
    return rest;
  };
  const enc = encodeURIComponent;

  const command = group === 'regions' || group === 'users' || (group === 'import' && (action === 'duo' || action === 'programmes' || action === 'candidates')) ? `${group} ${action ?? ''}`.trim() : group;
  switch (command) {
    case 'regions list': {
      need(0, 'regions list');
      const regions = await api.json<{ code: string; name: string }[]>('GET', '/_regiodesk/admin/regions');
      if (regions.length === 0) out('No regions yet. Add one with: regions add <code> <name>');
      for (const r of regions) out(`${r.code.padEnd(20)} ${r.name}`);
      return;
    }
    case 'regions add': {
      const [code, name] = need(2, 'regions add <code> <name>');
      await api.json('POST', '/_regiodesk/admin/regions', { code, name });
      out(`Region ${code} (${name}) is ready; its database is region-${code}.`);
      return;
    }
    case 'regions intake-origins': {
      const [code, ...origins] = rest;
      if (!code) throw new UsageError('Usage: regions intake-origins <code> [<origin>...]');
      const path = `/intake/${enc(code)}/settings`;
      const r = origins.length
        ? await api.json<{ origins: string[] }>('PUT', path, { origins })
        : await api.json<{ origins: string[] }>('GET', path);
      out(r.origins.length ? r.origins.join('\n') : `No websites may send the intake form of ${code} yet.`);
      return;
    }
    case 'users list': {
      need(0, 'users list');
      printUsers(await api.json<User[]>('GET', '/_regiodesk/admin/users'), out);
      return;
    }
    case 'users add': {
      const [name] = need(1, 'users add <name> [--member <role>:<region>]... [--admin] [--password <pw>]');
      const body = {
        name,
        memberships: (flags.member ?? []).flatMap((m) => m.split(',')).map(membership),
        ...(flags.admin ? { admin: true } : {}),
        ...(flags.password ? { password: flags.password[0] } : {}),
      };
      const res = await api.json<{ password?: string }>('POST', '/_regiodesk/admin/users', body);
      out(`User ${name} added.`);
      if (res.password) out(`Password: ${res.password}  (give it to ${name}; it is not shown again)`);
      return;
    }
    case 'users disable':
    case 'users enable': {
      const [name] = need(1, `users ${action} <name>`);
      await api.json('PATCH', `/_regiodesk/admin/users/${enc(name!)}`, { disabled: action === 'disable' });
      out(action === 'disable' ? `User ${name} is disabled; her sessions have ended.` : `User ${name} may log in again.`);
      return;
    }
    case 'users reset-password': {
      const [name] = need(1, 'users reset-password <name> [--password <pw>]');
      const res = await api.json<{ password?: string }>('PATCH', `/_regiodesk/admin/users/${enc(name!)}`, { password: flags.password?.[0] ?? null });
      out(`Password of ${name} reset; her sessions have ended.`);
      if (res.password) out(`New password: ${res.password}`);
      return;
    }
    case 'users set-role': {
      const [name, region, role] = need(3, 'users set-role <name> <region> <supervisor|editor|viewer|none>');
      const users = await api.json<User[]>('GET', '/_regiodesk/admin/users');
      const target = users.find((u) => u.name === name);
      if (!target) throw new ServerError(`No user ${name} that you manage.`);
      const others = target.memberships.filter((m) => m.region !== region);
      const memberships = role === 'none' ? others : [...others, { region: region!, role: role! }];
      await api.json('PATCH', `/_regiodesk/admin/users/${enc(name!)}`, { memberships });
      out(role === 'none' ? `${name} no longer works in ${region}.` : `${name} is now ${role} in ${region}.`);
      return;
    }
    case 'users set-regions': {
      const [name, list] = need(2, 'users set-regions <name> <role>:<region>[,<role>:<region>...]');
      const memberships = list!.split(',').filter(Boolean).map(membership);
      await api.json('PATCH', `/_regiodesk/admin/users/${enc(name!)}`, { memberships });
      out(`${name}: ${memberships.map((m) => `${m.role}:${m.region}`).join(', ') || 'no regions'}.`);
      return;
    }
    case 'users set-admin': {
      const [name, yes] = need(2, 'users set-admin <name> yes|no');
      if (yes !== 'yes' && yes !== 'no') throw new UsageError('Usage: users set-admin <name> yes|no');
      await api.json('PATCH', `/_regiodesk/admin/users/${enc(name!)}`, { admin: yes === 'yes' });
      out(yes === 'yes' ? `${name} is now an administrator.` : `${name} is no longer an administrator.`);
      return;
    }
    case 'backup': {
      if (action === undefined || rest.length > 0) throw new UsageError('Usage: backup <file>');
      const res = await api.call('GET', '/_regiodesk/admin/backup');
      // Written beside the target first, so a broken transfer never replaces a good backup.
      const tmp = `${action}.partial`;
      await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(tmp));
      await rename(tmp, action);
      out(`Backup written to ${action} (${(await stat(action)).size} bytes).`);
      return;
    }
    case 'restore': {
      if (action === undefined || rest.length > 0) throw new UsageError('Usage: restore <file>');
      await stat(action).catch(() => {
        throw new UsageError(`No such file: ${action}`);
      });
      return runRestore(api.call.bind(api), action, out, progress);
    }
    case 'compact': {
      if (action !== undefined) throw new UsageError('Usage: compact');
      type Line = { progress?: { done: number; total: number; db: string }; result?: { compacted: string[]; deletionsRewritten?: number; clocksRewritten?: number; background?: boolean }; error?: string; reason?: string };
      const stream = await api.call('POST', '/_regiodesk/admin/compact', {}, { headers: { Accept: 'application/x-ndjson' } });
      let res: Line['result'];
      for await (const msg of ndjsonLines<Line>(stream.body)) {
        if (msg.progress) progress(`\rCompacting: ${msg.progress.done} of ${msg.progress.total} databases (${msg.progress.db})…`);
        if (msg.error) throw new ServerError(`Compaction failed (${msg.error}): ${msg.reason ?? ''}`);
        if (msg.result) res = msg.result;
      }
      progress('\n');
      if (!res) throw new ServerError('The server ended the compaction without a result.');
      const n = res.deletionsRewritten ?? 0;
      out(`Compacted ${res.compacted.length} databases.`);
      out(n ? `${n} deletions stored before deletions were made data-free had their body removed.` : 'No deletion with a body left.');
      if (res.clocksRewritten) out(`${res.clocksRewritten} documents stored with malformed field clocks had them removed.`);
      if (res.background) out('CouchDB compacts in the background: the old bodies are gone when its compaction tasks end (see _active_tasks).');
      return;
    }
    case 'import duo':
    case 'import programmes':
      return runImportReference(api.call.bind(api), action, rest, flags, out);
    case 'import candidates':
      return runImportCandidates(api.call.bind(api), rest, flags, out);
    case 'report':
      return runReport(api.json.bind(api), flags, positional.slice(1), out);
    case 'alliances':
      return runAlliances(api.json.bind(api), action, rest, out);
    default:
      throw new UsageError(`Unknown command: ${positional.join(' ')}. See --help.`);
  }
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    await run(argv, env, (s) => console.log(s));
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ReportUsageError || err instanceof ImportReferenceUsageError || err instanceof ImportCandidatesUsageError) {
      console.error(err.message);
      console.error('Run with --help for usage.');
      return 2;
    }
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
