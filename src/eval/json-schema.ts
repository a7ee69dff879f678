/**
 * The `json-schema` scorer: the output parses as JSON (one surrounding ``` fence tolerated, as for
 * `json`) and is valid against the JSON Schema in `expected`. Ajv does the validation; it is loaded
 * on the first json-schema case only, so that a run without one never pays for it. A schema naming
 * draft 2020-12 (`$schema`) is read as 2020-12, any other as draft-07, Ajv's default. Unknown
 * keywords and formats are ignored (strict mode off), as most validators do.
 */

import type { ValidateFunction } from 'ajv';
import { parseJsonOutput } from './json-subset.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../util/json-depth.js';

type Compile = (schema: unknown) => ValidateFunction;
let compilers: Promise<{ draft7: Compile; draft2020: Compile }> | null = null;
const compiled = new Map<string, ValidateFunction | Error>();

async function loadCompilers(): Promise<{ draft7: Compile; draft2020: Compile }> {
  const [draft7Module, draft2020Module] = await Promise.all([import('ajv'), import('ajv/dist/2020.js')]);
  const options = { strict: false, allErrors: false, logger: false as const, validateFormats: false };
  type AjvClass = new (o: typeof options) => { compile(schema: object): ValidateFunction };
  // CommonJS modules: the class is the module's default export, or that export's own `default`.
  const classOf = (m: unknown): AjvClass => {
    const d = (m as { default?: unknown }).default as { default?: unknown } | undefined;
    return (d?.default ?? d) as AjvClass;
  };
  const draft7 = new (classOf(draft7Module))(options);
  const draft2020 = new (classOf(draft2020Module))(options);
  return { draft7: (s) => draft7.compile(s as object), draft2020: (s) => draft2020.compile(s as object) };
}

/**
 * The validator of a schema text, compiled once per text; an Error (with a reason to show) when
 * it is not JSON or not a valid schema.
 */
export async function schemaValidator(schemaText: string): Promise<ValidateFunction | Error> {
  const known = compiled.get(schemaText);
  if (known) return known;
  const parsed = parseJsonOutput(schemaText);
  let result: ValidateFunction | Error;
  if (!parsed.ok) result = new Error(`the schema in "expected" is not JSON: ${parsed.error}`);
  else if (
    typeof parsed.value !== 'boolean' &&
    (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value))
  )
    result = new Error('the schema in "expected" must be a JSON object (or true/false)');
  else if (jsonDepthExceeds(parsed.value, MAX_JSON_DEPTH))
    result = new Error(`the schema in "expected" is nested more than ${MAX_JSON_DEPTH} levels deep`);
  else {
    compilers ??= loadCompilers();
    const { draft7, draft2020 } = await compilers;
    const declared = (parsed.value as { $schema?: unknown }).$schema;
    const compile = typeof declared === 'string' && declared.includes('2020-12') ? draft2020 : draft7;
    try {
      result = compile(parsed.value);
    } catch (err) {
      result = new Error(
        `the schema in "expected" is not a valid JSON Schema: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  if (compiled.size > 1000) compiled.clear(); // a bound: eval sets rarely have that many schemas
  compiled.set(schemaText, result);
  return result;
}

export interface SchemaScore {
  pass: boolean;
  reason?: string;
  invalidCase?: boolean;
}

export async function scoreJsonSchema(schemaText: string, output: string): Promise<SchemaScore> {
  const validate = await schemaValidator(schemaText);
  if (validate instanceof Error) return { pass: false, reason: validate.message, invalidCase: true };
  const actual = parseJsonOutput(output);
  if (!actual.ok) return { pass: false, reason: `output is not valid JSON: ${actual.error}` };
  if (jsonDepthExceeds(actual.value, MAX_JSON_DEPTH)) {
    return { pass: false, reason: `output JSON is nested more than ${MAX_JSON_DEPTH} levels deep: not validated` };
  }
  if (validate(actual.value)) return { pass: true };
  const first = validate.errors?.[0];
  const where = first?.instancePath ? first.instancePath : '(the whole output)';
  return { pass: false, reason: `output does not match the schema: ${where} ${first?.message ?? 'is invalid'}` };
}
