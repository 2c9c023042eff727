// A strict XML 1.0 well-formedness check for the JUnit tests (no XML parser is installed, and
// adding one for a test is not worth a dependency): it refuses what real parsers refuse — bad
// nesting, unquoted or duplicate attributes, `<` or a bare `&` in text or values, unknown
// entities, characters XML cannot carry, more than one root — and answers the element tree.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const FORBIDDEN_CHAR = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`"<" in ${where}`);
  return raw.replace(/&([^;]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new Error(`a bare "&" in ${where}`);
    if (body in ENTITIES) return ENTITIES[body];
    const code = /^#x[0-9a-f]+$/i.test(body) ? parseInt(body.slice(2), 16) : /^#\d+$/.test(body) ? Number(body.slice(1)) : NaN;
    if (Number.isNaN(code)) throw new Error(`unknown entity &${body}; in ${where}`);
    const char = String.fromCodePoint(code);
    if (FORBIDDEN_CHAR.test(char)) throw new Error(`&${body}; is not an XML character (${where})`);
    return char;
  });
}

export function parseXmlStrict(xml: string): XmlElement {
  if (FORBIDDEN_CHAR.test(xml)) throw new Error('the document has a character XML cannot carry');
  let i = 0;
  const rest = () => xml.slice(i);
  const skipSpace = () => {
    while (/\s/.test(xml[i] ?? '')) i++;
  };
  const decl = rest().match(/^<\?xml\s+version="1\.0"(\s+encoding="[\w-]+")?\s*\?>/);
  if (decl) i += decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const end = xml.indexOf('<', i) === -1 ? xml.length : xml.indexOf('<', i);
      const text = decode(xml.slice(i, end), 'text');
      if (stack.length) stack[stack.length - 1].text += text;
      else if (text.trim()) throw new Error(`text outside the root element: ${JSON.stringify(text.slice(0, 20))}`);
      i = end;
      continue;
    }
    if (xml.startsWith('</', i)) {
      i += 2;
      const name = rest().match(NAME)?.[0];
      if (!name) throw new Error(`a closing tag without a name at ${i}`);
      i += name.length;
      skipSpace();
      if (xml[i] !== '>') throw new Error(`</${name} is not closed at ${i}`);
      i++;
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end === -1) throw new Error('an unterminated comment');
      i = end + 3;
      continue;
    }
    i++;
    const name = rest().match(NAME)?.[0];
    if (!name) throw new Error(`a tag without a name at ${i}`);
    i += name.length;
    const element: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipSpace();
      if (xml.startsWith('/>', i) || xml[i] === '>') break;
      if (i === before) throw new Error(`attributes of <${name}> must be separated by spaces`);
      const attr = rest().match(NAME)?.[0];
      if (!attr) throw new Error(`a malformed attribute in <${name}> at ${i}`);
      i += attr.length;
      if (xml[i] !== '=') throw new Error(`attribute ${attr} of <${name}> has no value`);
      i++;
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") throw new Error(`attribute ${attr} of <${name}> is not quoted`);
      const end = xml.indexOf(quote, i + 1);
      if (end === -1) throw new Error(`attribute ${attr} of <${name}> is not closed`);
      if (attr in element.attributes) throw new Error(`attribute ${attr} appears twice in <${name}>`);
      element.attributes[attr] = decode(xml.slice(i + 1, end), `attribute ${attr} of <${name}>`);
      i = end + 1;
    }
    if (stack.length) stack[stack.length - 1].children.push(element);
    else if (root) throw new Error(`a second root element <${name}>`);
    else root = element;
    if (xml.startsWith('/>', i)) i += 2;
    else {
      i++;
      stack.push(element);
    }
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}
