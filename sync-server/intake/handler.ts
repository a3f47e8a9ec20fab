import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CANDIDATE_TYPE, candidateSchema, checkRegionDocument, DOCUMENT_KINDS, regionDbName, REGION_CODE } from '../../src/shared';
import { intakeToCandidate, parseFormBody } from '../../src/shared/intake';
import { clientIp } from '../auth/authenticate';
import { badRequest, forbidden, HttpError, methodNotAllowed, notFound, toHttpError, unsupportedMedia } from '../http/errors';
import { sendJson } from '../http/respond';
import { splitPath } from '../http/router';
import type { Json, Store } from '../store/types';
import type { IntakeOptions } from './options';
import { formPage, resultPage } from './page';
import { RateLimit } from './rate-limit';
import type { IntakeSettingsStore } from './settings';
import { addReadBarrier } from '../privacy/audited-store';
import { GroupWriter } from './writer';
import { readBody } from '../http/body';
import { IntakeJournal, journalRegion } from './journal';
import { intakeTrace } from './trace';

const FIELD_MESSAGES: Record<string, string> = {
  required: 'is verplicht',
  invalidEmail: 'is geen geldig e-mailadres',
  invalidPhone: 'is geen geldig telefoonnummer',
  invalidPostcode: 'is geen geldige postcode (1234 AB)',
  tooLong: 'is te lang',
  invalidChoice: 'bevat een onbekende keuze',
  invalidType: 'klopt niet',
  consentRequired: 'is nodig om je aanmelding te verwerken',
  duplicate: 'bevat een keuze twee keer',
};

/** Whether intakeToCandidate's validation is the region-write check of candidates (DOCUMENT_KINDS). */
const CANDIDATE_CHECKED = DOCUMENT_KINDS[CANDIDATE_TYPE].schema === candidateSchema;

function wantsHtml(req: IncomingMessage): boolean {
  const accept = String(req.headers.accept ?? '');
  return accept.includes('text/html') && !accept.includes('application/json');
}

/** Whether a browser request comes from the server's own pages (the hosted form). */
function sameOrigin(req: IncomingMessage, origin: string): boolean {
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export interface IntakeDeps {
  store: Store;
  settings: IntakeSettingsStore;
  options: IntakeOptions;
  /** Folder of the per-region write-ahead journals (journal.ts); without it, no journal. */
  journalDir?: string;
  /** Whether a document is about an erased person (privacy's ErasedIds): the journal's replay skips it. */
  erased?: (doc: Json) => boolean;
}

/**
 * The public, login-free part of the intake: `POST /intake/<region>` (JSON or a form),
 * its CORS preflight, and the hosted form at `GET /intake/<region>/form`. CORS here is per
 * region (the websites an admin allowed), without credentials, and separate from the API's.
 */
export class PublicIntake {
  private readonly limiter: RateLimit;
  private readonly writers = new Map<string, GroupWriter>();
  private readonly journals = new Map<string, IntakeJournal>();
  private closing = false;
  /** Whether a submission is answered once its journal batch is fsync'ed (reads of the region then wait for its store write). */
  private readonly answerOnJournal: boolean;

  constructor(private readonly deps: IntakeDeps) {
    this.limiter = new RateLimit(deps.options.perMinute);
    this.answerOnJournal = !!deps.journalDir && deps.options.answerOnJournal && addReadBarrier(deps.store, (region) => this.writers.get(region)?.answeredStored());
  }

  /** Handles the request when it is a public intake request; false lets the caller go on. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const pathname = (req.url ?? '/').split('?')[0]!;
    if (!pathname.startsWith('/intake/')) return false;
    const segments = splitPath(pathname);
    if (!segments || segments[0] !== 'intake') return false;
    const isForm = segments.length === 3 && segments[2] === 'form';
    if (segments.length !== 2 && !isForm) return false; // e.g. /intake/<region>/settings: the API's
    const region = segments[1]!;
    try {
      if (isForm) await this.servePage(req, res, region);
      else await this.submit(req, res, region);
    } catch (err) {
      const e = toHttpError(err);
      if (e.status >= 500) console.error('intake: unexpected error', err);
      this.answer(req, res, e.status, { error: e.error, reason: e.reason }, e.headers);
    }
    return true;
  }

  private answer(req: IncomingMessage, res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
    if (res.headersSent) return void res.end();
    if (status === 413) res.setHeader('Connection', 'close');
    if (req.method === 'POST' && wantsHtml(req)) {
      const nonce = randomBytes(12).toString('base64');
      const ok = status < 300;
      const errors = (body.errors ?? {}) as Record<string, string>;
      const message = ok
        ? 'Bedankt! Je aanmelding is ontvangen. Een adviseur van het regioloket neemt contact met je op.'
        : Object.keys(errors).length > 0
          ? 'Controleer je invoer: ' + Object.entries(errors).map(([f, k]) => `${f} ${FIELD_MESSAGES[k] ?? FIELD_MESSAGES.invalidType}`).join('; ') + '.'
          : `Versturen is niet gelukt: ${String(body.reason ?? status)}`;
      const referer = typeof req.headers.referer === 'string' && /^https?:\/\//.test(req.headers.referer) ? req.headers.referer : undefined;
      const html = resultPage(ok, message, referer, nonce);
      res.writeHead(status, {
        ...headers,
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'`,
        'X-Content-Type-Options': 'nosniff',
        'Content-Length': Buffer.byteLength(html),
      });
      res.end(html);
      return;
    }
    sendJson(res, status, body, { ...headers, 'X-Content-Type-Options': 'nosniff' });
  }

  private async servePage(req: IncomingMessage, res: ServerResponse, region: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed('GET');
    const known = REGION_CODE.test(region) ? await this.deps.settings.get(region) : null;
    if (!known) throw notFound('Unknown region.');
    this.prepare(region); // whoever opens the form may send it in a minute
    const nonce = randomBytes(12).toString('base64');
    const proto = String(req.headers['x-forwarded-proto'] ?? '') === 'https' ? 'https' : 'http';
    const server = `${proto}://${req.headers.host ?? 'localhost'}`;
    const html = formPage(server, region, known.name, nonce);
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; frame-ancestors *`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(html),
    });
    res.end(req.method === 'HEAD' ? undefined : html);
  }

  private async submit(req: IncomingMessage, res: ServerResponse, region: string): Promise<void> {
    const known = REGION_CODE.test(region) ? await this.deps.settings.get(region) : null;
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    const allowed = !origin || sameOrigin(req, origin) || !!known?.settings.origins.includes(origin);
    if (known && origin && allowed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      if (!known) throw notFound('Unknown region.');
      if (!allowed) throw forbidden(`Origin ${origin} may not submit to this region.`);
      this.prepare(region); // a browser's preflight comes right before its submission
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': 'content-type, accept',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    if (req.method !== 'POST') throw methodNotAllowed('POST');
    const wait = this.limiter.take(clientIp(req));
    if (wait > 0) throw new HttpError(429, 'too_many_requests', `Too many submissions. Try again in ${wait} seconds.`, { 'Retry-After': String(wait) });
    if (!known) throw notFound('Unknown region.');
    if (!allowed) throw forbidden(`Origin ${origin} may not submit to this region.`);

    const type = String(req.headers['content-type'] ?? '').toLowerCase();
    const isForm = type.startsWith('application/x-www-form-urlencoded');
    const isJson = type.startsWith('application/json');
    if (!isForm && !isJson) throw unsupportedMedia('Send application/json or application/x-www-form-urlencoded.');
    const tt = intakeTrace?.arrived(req.socket);
    const text = (await readBody(req, this.deps.options.maxBodyBytes)).toString('utf8');
    if (tt) tt.bodyEnd = performance.now();
    let body: unknown;
    if (isForm) body = parseFormBody(text);
    else {
      try {
        body = JSON.parse(text);
      } catch {
        throw badRequest('Request body is not valid JSON.');
      }
    }

    const result = intakeToCandidate(body, { id: randomUUID().replace(/-/g, ''), region, now: new Date().toISOString() });
    if (!result.ok) {
      this.answer(req, res, 400, { error: 'bad_request', reason: result.reason, errors: result.errors });
      return;
    }
    if ('honeypot' in result) {
      this.answer(req, res, 201, { ok: true });
      return;
    }
    const { id, ...rest } = result.candidate;
    const doc = { _id: id, ...rest };
    // The same check as every write to a region database, so this door lets in nothing the API
    // would refuse. intakeToCandidate has just validated with that very schema, so only the region
    // is left to check (a second zod pass was ~15% of a submission's CPU); the fuzz test checks
    // every stored record with checkRegionDocument.
    if (!CANDIDATE_CHECKED) {
      const check = checkRegionDocument(region, doc);
      if (!check.ok) throw badRequest(check.reason);
    } else if (!DOCUMENT_KINDS[CANDIDATE_TYPE].regionsOf(result.candidate).includes(region)) throw badRequest(`document is not linked to region ${region}`);
    try {
      await (await this.writer(region)).write(doc, tt);
    } catch (err) {
      console.error('intake: a submission could not be stored', err);
      throw new HttpError(500, 'write_failed', 'The submission could not be stored.');
    }
    this.answer(req, res, 201, { ok: true, ...(result.ignored.length ? { ignored: result.ignored.slice(0, 20) } : {}) });
    if (tt) intakeTrace!.answered(tt);
  }

  /** The region's writer, made at its first submission (or at start, `recovering`, to replay its journal; that prepares no spare). */
  private async writer(region: string, recovering = false): Promise<GroupWriter> {
    let w = this.writers.get(region);
    if (!w) {
      const db = await this.deps.store.open(regionDbName(region));
      if (!db) throw notFound('Unknown region.');
      w = this.writers.get(region);
      if (!w) {
        const journal = this.journalOf(region);
        w = new GroupWriter(db, { maxBatch: 500, answerOnJournal: this.answerOnJournal, storeDelayMs: this.deps.options.storeDelayMs, ...(journal ? { journal } : {}) });
        this.writers.set(region, w);
        if (!recovering) this.prepare(region);
      }
    }
    return w;
  }

  private journalOf(region: string): IntakeJournal | undefined {
    if (!this.deps.journalDir) return undefined;
    let j = this.journals.get(region);
    if (!j) this.journals.set(region, (j = new IntakeJournal(join(this.deps.journalDir, `${region}.ndjson`))));
    return j;
  }

  /**
   * Gives the region's journal its preallocated file (journal.ts: 1 MB of zeros, another at each
   * rotation) in the background; only for a region known to take submissions. Until it is ready
   * the region's submissions go to a file that grows, each write waiting for a file-system
   * journal commit (the p99 problem of #7), so regions with website origins are prepared at start
   * and when their origins are set (`prepareConfigured`, index.ts), and any other region when its
   * hosted form is served, at a browser's preflight or at its first submission. Before, the
   * first submission to any region prepared the journals of all of them (2 MB each).
   */
  prepare(region: string): void {
    if (this.closing) return;
    void this.journalOf(region)?.prepare(); // resolves on failure too (the journal then grows as it is written)
  }

  /** At start: the journals of the regions that have website origins are prepared before their first submission. */
  async prepareConfigured(): Promise<void> {
    for (const region of await this.deps.settings.regionsWithOrigins()) this.prepare(region);
  }

  /** At the server's close: every answered submission reaches the store (or stays in its journal) before the store closes. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.writers.values()].map((w) => w.close()));
    await Promise.all([...this.journals.values()].map((j) => j.close())); // each waits for a spare being written
  }

  /** At start: stores what a crash left in any region's journal. Returns how many submissions were replayed. */
  async recover(): Promise<number> {
    if (!this.deps.journalDir) return 0;
    const files = await readdir(this.deps.journalDir).catch(() => [] as string[]);
    let n = 0;
    // A spare as well: records are under its name when a crash came before its rename reached the disk (journal.ts).
    const regions = new Set(files.map(journalRegion).filter((r): r is string => !!r));
    for (const region of regions) {
      n += await (await this.writer(region, true)).recover(this.deps.erased);
    }
    return n;
  }
}
