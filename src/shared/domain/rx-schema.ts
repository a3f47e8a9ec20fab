import { z } from 'zod';
import { personalFieldsOf } from '../privacy/personal-fields';

/** The subset of RxDB's JSON schema we produce; kept local so src/shared needs no RxDB import. */
export interface RxJsonSchemaLike {
  title: string;
  version: number;
  primaryKey: string;
  type: 'object';
  properties: Record<string, JsonSchemaNode>;
  required: string[];
  indexes?: (string | string[])[];
  additionalProperties?: boolean;
}

type JsonSchemaNode = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  maxLength?: number;
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  [k: string]: unknown;
};

/**
 * Keywords that zod emits for checks it performs itself. RxDB's validator would repeat them with
 * different regex semantics, so they are dropped: zod stays the one judge of a valid value.
 */
const DROPPED_KEYWORDS = new Set(['$schema', 'format', 'pattern', 'id', '$id']);

function clean(node: JsonSchemaNode): JsonSchemaNode {
  const out: JsonSchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED_KEYWORDS.has(key)) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchemaNode>).map(([k, v]) => [k, clean(v)]),
      );
    } else if (key === 'items' && value && typeof value === 'object') {
      out.items = clean(value as JsonSchemaNode);
    } else {
      out[key] = value;
    }
  }
  // RxDB wants a maxLength on every string it may index; enums have a natural one.
  if (out.type === 'string' && Array.isArray(out.enum) && out.maxLength === undefined) {
    out.maxLength = Math.max(...out.enum.map((e) => String(e).length));
  }
  return out;
}

export interface RxSchemaOptions {
  title: string;
  version: number;
  primaryKey: string;
  indexes?: (string | string[])[];
}

/** Generates the RxDB schema of a collection from the zod schema of its documents. */
export function toRxSchema(schema: z.ZodType, opts: RxSchemaOptions): RxJsonSchemaLike {
  const json = clean(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }) as JsonSchemaNode);
  if (json.type !== 'object' || !json.properties) {
    throw new Error(`${opts.title}: a collection schema must be an object`);
  }
  const required = Array.isArray(json.required) ? (json.required as string[]) : [];
  const indexed = new Set((opts.indexes ?? []).flat());
  // Personal fields are stored only as ciphertext on laptops: an index on one would be useless
  // (and would keep the plaintext in the index), so it is refused here, once for every kind.
  const personal = personalFieldsOf(opts.title);
  for (const field of [opts.primaryKey, ...indexed]) {
    if (personal.includes(field)) throw new Error(`${opts.title}: ${field} is a personal field (encrypted at rest) and cannot be indexed`);
    const prop = json.properties[field];
    if (!prop) throw new Error(`${opts.title}: indexed field ${field} is not in the schema`);
    if (!required.includes(field)) throw new Error(`${opts.title}: indexed field ${field} must be required`);
    if (prop.type === 'string' && prop.maxLength === undefined) {
      throw new Error(`${opts.title}: indexed string field ${field} needs a maximum length`);
    }
  }
  return {
    title: opts.title,
    version: opts.version,
    primaryKey: opts.primaryKey,
    type: 'object',
    properties: json.properties,
    required,
    indexes: opts.indexes ?? [],
    additionalProperties: false,
  };
}
