// Request bodies in YAML (Content-Type application/yaml, application/x-yaml or text/yaml), with
// the bounds that make parsing them as safe as JSON: the yaml library composes recursively (a few
// hundred levels of nesting overflow the stack, and a stack overflow there can abort the process)
// and checks duplicate keys in quadratic time, so depth and size are measured first, by its lexer.
import { Lexer, LineCounter, parseAllDocuments } from 'yaml';
import { ApiError } from './errors';
import { readBody, readJsonBody } from './route';

const YAML_TYPES = new Set(['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml']);
/** Nested flow collections (`[`, `{`): far beyond any document of ours. */
const MAX_FLOW_DEPTH = 64;
/** The column where block content may start: block nesting needs a column per level. */
const MAX_BLOCK_COLUMN = 128;
/** Lexer tokens: 50 SLOs in OpenSLO take about 9,500. */
const MAX_TOKENS = 20_000;

export function isYamlRequest(request: Request): boolean {
  return YAML_TYPES.has((request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase());
}

const invalidYaml = (message: string) => new ApiError(400, 'invalid_yaml', message);

/** Throws 400 for YAML nested or indented deeper, or longer, than the bounds above; stops at the first excess. */
function checkBounds(text: string): void {
  let flowDepth = 0;
  let column = 0;
  let tokens = 0;
  for (const token of new Lexer().lex(text)) {
    if (++tokens > MAX_TOKENS) throw invalidYaml(`The YAML is too long: more than ${MAX_TOKENS} tokens.`);
    // The lexer marks documents and scalars with control characters that take no room in the text.
    if (token.length === 1 && token < ' ' && token !== '\n' && token !== '\t') continue;
    if (token === '[' || token === '{') {
      if (++flowDepth > MAX_FLOW_DEPTH)
        throw invalidYaml(`The YAML nests more than ${MAX_FLOW_DEPTH} levels of [ ] or { }.`);
    } else if (token === ']' || token === '}') {
      flowDepth = Math.max(0, flowDepth - 1);
    } else if (flowDepth === 0 && column > MAX_BLOCK_COLUMN && !/^[\s#]/.test(token)) {
      throw invalidYaml(`The YAML is indented or nested past column ${MAX_BLOCK_COLUMN}.`);
    }
    const newline = token.lastIndexOf('\n');
    column = newline < 0 ? column + token.length : token.length - newline - 1;
  }
}

/** The values of a YAML stream's documents, empty ones left out. Throws 400 for anything but well-formed, bounded YAML. */
export function parseYamlBytes(bytes: Uint8Array): unknown[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidYaml('The body is not valid UTF-8.');
  }
  checkBounds(text);
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const values: unknown[] = [];
  for (const doc of documents) {
    const [error] = doc.errors;
    if (error) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      throw invalidYaml(`The body is not valid YAML: line ${line}, column ${col}: ${error.message.split('\n')[0]}`);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      throw invalidYaml(`The body is not valid YAML: ${(err as Error).message}`);
    }
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}

/**
 * A body in YAML when its Content-Type says so, else JSON; 413 past `maxBytes`, 400 when it does
 * not parse. A YAML stream of several documents reads as the list of them, one as its value.
 */
export async function readJsonOrYamlBody(request: Request, maxBytes: number): Promise<unknown> {
  if (!isYamlRequest(request)) return readJsonBody(request, maxBytes);
  const values = parseYamlBytes(await readBody(request, maxBytes));
  if (!values.length) throw invalidYaml('The body holds no YAML document.');
  return values.length === 1 ? values[0] : values;
}
