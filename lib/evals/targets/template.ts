// {{variable}} placeholders in a target's messages, filled from a case's vars.
import { EvalConfigError } from '../errors';

const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** Strings as they are; anything else as JSON, so objects reach the prompt readable. */
const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export function renderTemplate(template: string, vars: Record<string, unknown>, caseName: string): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    if (!Object.hasOwn(vars, name) || vars[name] === undefined) {
      const known = Object.keys(vars);
      throw new EvalConfigError(
        `Case "${caseName}": the target's messages use {{${name}}}, but the case has no var "${name}"${known.length ? ` (it has ${known.join(', ')})` : ''}.`,
      );
    }
    return asText(vars[name]);
  });
}
