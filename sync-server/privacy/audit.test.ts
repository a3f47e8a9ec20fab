import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withDefaults } from '../config';
import { startServer } from '../server';
import { EmbeddedStore } from '../store/embedded';
import { openStore } from '../store/open-store';
import { basicAuth, TEST_ADMIN_PASSWORD } from '../testing';
import { auditDbName, AuditLog } from './audit';
import { auditRetentionMonths, trimAuditLogs } from './audit-retention';
import { monthsBefore } from './retention';

const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-audit-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('audit log writes', () => {
  it('writes concurrent appends together (group commit), each entry with its own user and documents', async () => {
    const store = new EmbeddedStore(await tmp());
    const audit = new AuditLog(store);
    await audit.append({ region: 'twente', user: 'anna', action: 'viewed', docIds: ['c0'] }); // creates the log
    const db = (await store.open(auditDbName('twente')))!;
    let writes = 0;
    const off = db.subscribe(() => writes++);
    const entries = await Promise.all(Array.from({ length: 300 }, (_, i) => audit.append({ region: 'twente', user: `u${i % 7}`, action: 'changed', docIds: [`c${i}`, `d${i}`] })));
    off();
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThan(10); // not one store write per entry
    const { entries: listed } = await audit.list('twente', { limit: 500 });
    expect(listed).toHaveLength(301);
    for (const e of entries) expect(listed.find((l) => l.id === e.id)).toMatchObject({ user: e.user, docIds: e.docIds, action: 'changed' });
    await store.close();
  });
});

describe('audit retention', () => {
  it('reads its period from REGIODESK_AUDIT_RETENTION_MONTHS, 24 months by default, and refuses nonsense', () => {
    expect(auditRetentionMonths({})).toBe(24);
    expect(auditRetentionMonths({ REGIODESK_AUDIT_RETENTION_MONTHS: '36' })).toBe(36);
    for (const bad of ['0', '-3', '1.5', 'twee', '1000']) expect(() => auditRetentionMonths({ REGIODESK_AUDIT_RETENTION_MONTHS: bad })).toThrow(/REGIODESK_AUDIT_RETENTION_MONTHS/);
  });

  it('removes the entries older than the period, content included, and records that it did', async () => {
    const store = new EmbeddedStore(await tmp());
    const audit = new AuditLog(store);
    const now = new Date('2026-11-25T12:00:00Z');
    const old1 = await audit.append({ region: 'twente', user: 'anna', action: 'viewed', docIds: ['oud-1'], at: '2023-01-10T09:00:00.000Z' });
    const old2 = await audit.append({ region: 'twente', user: 'bram', action: 'changed', docIds: ['oud-2'], at: monthsBefore(now, 25).toISOString() });
    const kept = await audit.append({ region: 'twente', user: 'carla', action: 'changed', docIds: ['nieuw'], at: monthsBefore(now, 23).toISOString() });
    const other = await audit.append({ region: 'utrecht', user: 'vera', action: 'viewed', docIds: ['u-1'], at: monthsBefore(now, 1).toISOString() });

    expect(await trimAuditLogs(audit, 24, now)).toEqual({ twente: 2, utrecht: 0 });
    const twente = (await audit.list('twente', { limit: 50 })).entries;
    expect(twente.map((e) => e.id)).toContain(kept.id);
    expect(twente.map((e) => e.id)).not.toContain(old1.id);
    expect(twente.map((e) => e.id)).not.toContain(old2.id);
    expect(twente.find((e) => e.action === 'retention')).toMatchObject({ user: null, what: 'audit-trim 2 before 2024-11-25' });
    expect((await audit.list('utrecht', { limit: 50 })).entries.map((e) => e.id)).toEqual([other.id]);
    // Nothing of a trimmed entry can be read back.
    const db = (await store.open(auditDbName('twente')))!;
    const changes = await db.changes({ since: 0, includeDocs: true });
    const trimmed = changes.results.filter((r) => r.id === old1.id || r.id === old2.id);
    for (const r of trimmed) expect(JSON.stringify(r.doc)).not.toMatch(/anna|bram|oud-/);
    // A second run finds nothing more to do and adds no entry.
    expect(await trimAuditLogs(audit, 24, now)).toEqual({ twente: 0, utrecht: 0 });
    expect((await audit.list('twente', { limit: 50 })).entries.filter((e) => e.action === 'retention')).toHaveLength(1);
    await store.close();
  });

  it('is applied when the server starts, with the period of REGIODESK_AUDIT_RETENTION_MONTHS', async () => {
    const dataDir = await tmp();
    const config = withDefaults({ dataDir, host: '127.0.0.1', port: 0, demo: true, demoSize: 1, adminPassword: TEST_ADMIN_PASSWORD });
    await (await startServer(config)).close();
    // Entries from long ago, as a server running for years would have (in the folder's own engine).
    const { store } = await openStore(config, false);
    const audit = new AuditLog(store);
    const old = await audit.append({ region: 'twente', user: 'anna', action: 'viewed', docIds: ['oud'], at: monthsBefore(new Date(), 13).toISOString() });
    const recent = await audit.append({ region: 'twente', user: 'anna', action: 'viewed', docIds: ['recent'], at: monthsBefore(new Date(), 11).toISOString() });
    await store.close();

    const before = process.env.REGIODESK_AUDIT_RETENTION_MONTHS;
    process.env.REGIODESK_AUDIT_RETENTION_MONTHS = '12';
    const server = await startServer(config);
    if (before === undefined) delete process.env.REGIODESK_AUDIT_RETENTION_MONTHS;
    else process.env.REGIODESK_AUDIT_RETENTION_MONTHS = before;
    try {
      const ids = async () => {
        const res = await fetch(`${server.url}/_regiodesk/audit/twente?limit=500`, { headers: { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD) } });
        return ((await res.json()) as { entries: { id: string }[] }).entries.map((e) => e.id);
      };
      for (let i = 0; i < 200 && (await ids()).includes(old.id); i++) await new Promise((r) => setTimeout(r, 50));
      const left = await ids();
      expect(left).not.toContain(old.id);
      expect(left).toContain(recent.id);
    } finally {
      await server.close();
    }
  });
});
