// is-json and json-schema. JSON Schema is validated by ajv (draft-07, the draft of the ajv that
// eslint already brings); a schema that does not compile is refused when the file is loaded.
import Ajv from 'ajv';
import { yesNo, type Check } from './outcome';

const ajv = new Ajv({ allErrors: true, jsonPointers: true });
const validators = new WeakMap<object, Ajv.ValidateFunction>();

/** Compiles a schema of an eval file (once per schema object); throws with ajv's message. */
export function compileJsonSchema(schema: unknown): Ajv.ValidateFunction {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new Error('a JSON schema must be an object, e.g. { type: object, required: [answer] }');
  }
  let validate = validators.get(schema);
  if (!validate) {
    try {
      validate = ajv.compile(schema);
    } catch (err) {
      throw new Error(`invalid JSON schema: ${(err as Error).message}`);
    }
    validators.set(schema, validate);
  }
  return validate;
}

/** The output as JSON, or why it is not. Code fences around it (```json … ```) are allowed: models add them. */
export function parseJsonOutput(output: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(output);
  try {
    return { ok: true, value: JSON.parse(fenced ? fenced[1] : output) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

export const isJson: Check = ({ assertion, answer }) => {
  const parsed = parseJsonOutput(answer.output);
  return yesNo(parsed.ok, assertion.not, ['is valid JSON', 'be valid JSON'], parsed.ok ? undefined : parsed.error);
};

export const jsonSchema: Check = ({ assertion, answer }) => {
  const parsed = parseJsonOutput(answer.output);
  if (!parsed.ok)
    return yesNo(
      false,
      assertion.not,
      ['is JSON matching the schema', 'be JSON matching the schema'],
      `not JSON: ${parsed.error}`,
    );
  const validate = compileJsonSchema(assertion.value);
  const pass = validate(parsed.value) === true;
  const detail = pass ? undefined : ajv.errorsText(validate.errors, { dataVar: 'output' });
  return yesNo(pass, assertion.not, ['is JSON matching the schema', 'be JSON matching the schema'], detail);
};
