/** Limits of the public intake endpoint; the server's config may override each. */
export interface IntakeOptions {
  /** Submissions per IP within a minute before 429. */
  perMinute: number;
  /** Largest accepted body in bytes (a form with a long message is a few KB). */
  maxBodyBytes: number;
}

export const INTAKE_DEFAULTS: IntakeOptions = {
  perMinute: Number(process.env.REGIODESK_INTAKE_PER_MINUTE) || 20,
  maxBodyBytes: 64 * 1024,
};
