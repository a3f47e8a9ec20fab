// @vitest-environment node
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { ORGANISATION_TYPE, REFERENCE_REGION, type Organisation } from '../../../shared';
import { createDatabase } from '../../db/database';
import { pruneForeignRegions } from '../security/regions';
import { pushModifierFor, kindOf } from '../../sync/modifiers';

const now = new Date().toISOString();
const org = (id: string, region: string, source?: Organisation['source']): Organisation => ({
  id, type: ORGANISATION_TYPE, name: id, kind: 'school', region, ...(source ? { source } : {}), createdAt: now, createdBy: 'a', updatedAt: now, updatedBy: 'a',
});

describe('reference organisations on the laptop', () => {
  it('survive the pruning of a region the user left, and are never pushed to a region', async () => {
    const db = await createDatabase(`reference${Date.now()}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false });
    try {
      await db.organisations.bulkInsert([org('duo-10AB00', REFERENCE_REGION, 'duo'), org('org-u', 'utrecht'), org('org-t', 'twente')]);
      expect(await pruneForeignRegions(db, ['twente'])).toBe(1);
      expect([...(await db.organisations.find().exec()).map((d) => d.id)].sort()).toEqual(['duo-10AB00', 'org-t']);
      const push = pushModifierFor('twente', ['twente'], kindOf('organisation')!);
      expect(push(org('duo-10AB00', REFERENCE_REGION, 'duo'))).toBeNull();
      expect(push(org('org-t', 'twente'))).not.toBeNull();
    } finally {
      await db.close();
    }
  });
});
