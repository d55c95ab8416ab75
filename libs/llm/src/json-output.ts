/** Reading the model's text as JSON, and what to say when it is not acceptable. */
import { type JsonSchema, type LlmValidation } from './llm.types';

const MAX_FEEDBACK_ERRORS = 20;
const MAX_ERROR_CHARS = 300;

/**
 * Parses the model's answer. Structured output should be bare JSON, but OpenAI-compatible local servers
 * sometimes wrap it in a Markdown code fence; that fence is removed. Nothing else is "fixed".
 */
export function parseModelJson(text: string): LlmValidation<unknown> {
  let body = text.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(body);
  if (fenced) body = fenced[1].trim();
  if (body === '') return { ok: false, errors: ['the answer was empty'] };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    return { ok: false, errors: [`the answer is not valid JSON (${(error as Error).message})`] };
  }
}

/** The user turn of the repair attempt. */
export function repairFeedback(errors: readonly string[]): string {
  const shown = errors.slice(0, MAX_FEEDBACK_ERRORS).map((e) => `- ${truncate(e, MAX_ERROR_CHARS)}`);
  if (errors.length > MAX_FEEDBACK_ERRORS)
    shown.push(`- ... and ${errors.length - MAX_FEEDBACK_ERRORS} more`);
  return (
    `Your previous answer was invalid:\n${shown.join('\n')}\n` +
    'Answer again with JSON matching the schema, and nothing else.'
  );
}

/** A short, single-line list of errors for logs and `degraded.reason`. */
export function summarizeErrors(errors: readonly string[], max = 3): string {
  const head = errors.slice(0, max).map((e) => truncate(e.replace(/\s+/g, ' '), 120));
  return errors.length > max ? `${head.join('; ')}; +${errors.length - max} more` : head.join('; ');
}

/**
 * Whether OpenAI's strict structured output accepts `schema`: every object sets
 * `additionalProperties: false` and lists all its properties in `required`.
 */
export function isStrictSchema(schema: unknown): boolean {
  if (!isRecord(schema)) return true;
  const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : [schema.type];
  if (isRecord(schema.properties)) {
    const required = Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
    if (schema.additionalProperties !== false) return false;
    if (!Object.keys(schema.properties).every((name) => required.includes(name))) return false;
    if (!Object.values(schema.properties).every(isStrictSchema)) return false;
  } else if (types.includes('object') && schema.additionalProperties !== false) {
    return false;
  }
  const lists = ['anyOf', 'oneOf', 'allOf', 'prefixItems'].flatMap((k) =>
    Array.isArray(schema[k]) ? (schema[k] as unknown[]) : [],
  );
  const maps = ['$defs', 'definitions'].flatMap((k) => (isRecord(schema[k]) ? Object.values(schema[k]) : []));
  return [schema.items, ...lists, ...maps].every(isStrictSchema);
}

function isRecord(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `[a-zA-Z0-9_-]{1,64}` from a task name, as OpenAI's `json_schema.name` requires. */
export function schemaName(task: string): string {
  const name = task.replace(/[^a-zA-Z0-9_-]+/g, '_').slice(0, 64);
  return name === '' ? 'answer' : name;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
