/** Limits of the public intake endpoint; the server's config may override each. */
export interface IntakeOptions {
  /** Submissions per IP within a minute before 429. */
  perMinute: number;
  /** Largest accepted body in bytes (a form with a long message is a few KB). */
  maxBodyBytes: number;
  /**
   * Answer 201 once the submission is fsync'ed to the region's intake journal (the durable record,
   * replayed at start after a crash) instead of after the store write; reads of the region wait for
   * the store write, so what was answered is always readable. REGIODESK_INTAKE_ANSWER=store: after
   * the store write, as before.
   */
  answerOnJournal: boolean;
  /**
   * With the answer on the journal: how long (ms) answered submissions may wait to be written to
   * the store together (writer.ts, storeDelayMs); reads of the region never wait for it.
   * REGIODESK_INTAKE_STORE_DELAY_MS; 0 writes each journal batch at once, as before.
   */
  storeDelayMs: number;
}

export const INTAKE_DEFAULTS: IntakeOptions = {
  perMinute: Number(process.env.REGIODESK_INTAKE_PER_MINUTE) || 20,
  maxBodyBytes: 64 * 1024,
  answerOnJournal: process.env.REGIODESK_INTAKE_ANSWER !== 'store',
  storeDelayMs: Number(process.env.REGIODESK_INTAKE_STORE_DELAY_MS ?? 25),
};
