// Types for the parts of PouchDB's internal packages the log store reuses, so that its revision
// trees, conflict rules and errors are PouchDB's own (installed with pouchdb-node 9).
declare module 'pouchdb-merge' {
  export type RevOpts = { status?: string; deleted?: boolean };
  export type RevNode = [string, RevOpts, RevNode[]];
  export type RevTree = { pos: number; ids: RevNode }[];
  export interface Metadata {
    id?: string;
    rev_tree: RevTree;
    deleted?: boolean;
    winningRev?: string;
  }
  export function winningRev(metadata: { rev_tree: RevTree }): string;
  export function merge(tree: RevTree, path: RevTree[number], depth: number): { tree: RevTree; conflicts: string; stemmedRevs?: string[] };
  export function collectLeaves(tree: RevTree): { rev: string; pos: number; opts: RevOpts }[];
  export function collectConflicts(metadata: { rev_tree: RevTree }): string[];
  export function compactTree(metadata: { rev_tree: RevTree }): string[];
  export function rootToLeaf(tree: RevTree): { pos: number; ids: { id: string; opts: RevOpts }[] }[];
  export function revExists(tree: RevTree, rev: string): boolean;
  export function isDeleted(metadata: { rev_tree: RevTree }, rev?: string): boolean;
  export function isLocalId(id: string): boolean;
  export function latest(rev: string, metadata: { rev_tree: RevTree }): string;
  export function traverseRevTree(tree: RevTree, cb: (isLeaf: boolean, pos: number, hash: string, ctx: unknown, opts: RevOpts) => unknown): void;
}

declare module 'pouchdb-adapter-utils' {
  import type { RevTree } from 'pouchdb-merge';
  export interface DocInfo {
    metadata: { id: string; rev: string; rev_tree: RevTree; deleted?: boolean; revisions?: unknown };
    data: Record<string, unknown>;
    stemmedRevs?: string[];
    error?: unknown;
  }
  export function parseDoc(doc: Record<string, unknown>, newEdits: boolean, dbOpts?: { deterministic_revs: boolean }): DocInfo & { error?: boolean };
  export function processDocs(
    revLimit: number,
    docInfos: (DocInfo | Record<string, unknown>)[],
    api: unknown,
    fetchedDocs: Map<string, { rev_tree: RevTree; winningRev?: string; deleted?: boolean }>,
    tx: unknown,
    results: unknown[],
    writeDoc: (docInfo: DocInfo, winningRev: string, winningRevIsDeleted: boolean, newRevIsDeleted: boolean, isUpdate: boolean, delta: number, resultsIdx: number, cb: () => void) => void,
    opts: { new_edits: boolean },
    overallCallback?: () => void,
  ): void;
}

declare module 'pouchdb-errors' {
  export const MISSING_DOC: unknown;
  export const REV_CONFLICT: unknown;
  export const BAD_REQUEST: unknown;
  export const INVALID_REV: unknown;
  export function createError(err: unknown, reason?: string): Error & { status: number; name: string; reason?: string };
}

declare module 'pouchdb-selector-core' {
  export function matchesSelector(doc: unknown, selector: unknown): boolean;
}
