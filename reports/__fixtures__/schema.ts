/** The shipped JSON Schema of `report.json`, compiled once with ajv in strict mode, for the tests. */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

/** The schema as shipped. */
export const REPORT_SCHEMA = JSON.parse(
  readFileSync(new URL('../schema/report.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown> & { definitions: Record<string, Record<string, unknown>> };

// strictRequired is off: `then: { required: [...] }` names properties declared beside it, not inside it.
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(REPORT_SCHEMA);

/**
 * The schema's complaints about a value, one line each; empty when it is valid.
 * @param data - a parsed report.json
 */
export function schemaErrors(data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
