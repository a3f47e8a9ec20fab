import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; reason: string };

/**
 * Runs a schema and turns its issues into one message key per field (the first one wins) plus a
 * one-line reason for logs and HTTP errors.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown): Validated<z.infer<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(document)';
    errors[field] ??= issue.message;
  }
  const reason = Object.entries(errors)
    .map(([f, m]) => `${f}: ${m}`)
    .join('; ');
  return { ok: false, errors, reason };
}
