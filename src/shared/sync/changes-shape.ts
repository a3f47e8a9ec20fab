/**
 * The `_changes` query parameter with which the app asks the sync server for documents in RxDB's
 * shape (`regiodesk_shape=rx`: `"doc":{"id":…}`, no `_id`, no `_rev`) instead of CouchDB's
 * (`couch`, the default). Client (src/renderer/sync/kind-fetch.ts) and server
 * (sync-server/couch/changes.ts) read the name from here.
 */
export const CHANGES_SHAPE_PARAM = 'regiodesk_shape';
