// A small, strict XML 1.0 parser for the files the CLI imports (JUnit results): elements,
// attributes, text, CDATA, comments, processing instructions, the five predefined entities and
// character references. It refuses what is not well-formed — bad nesting, unquoted or duplicate
// attributes, `<` or a bare `&` in text or values, undefined entities, characters XML cannot carry,
// text or a second element outside the root — and any DOCTYPE, so no entity is ever expanded.
import { NOT_IN_XML } from './junit';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, entities decoded (not its children's). */
  text: string;
  /** Where its start tag is, 1-based. */
  line: number;
}

export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'XmlSyntaxError';
  }
}

const START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME = new RegExp(`[${START}][${START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040]*`, 'uy');
const REFERENCE = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/y;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const SPACE = /[ \t\n]*/y;
const ILLEGAL = new RegExp(NOT_IN_XML.source, 'u');

/** Parses a whole document; answers its root element. `maxDepth` bounds the nesting. */
export function parseXml(source: string, { maxDepth = 100 } = {}): XmlElement {
  // End-of-line handling of the spec: every \r\n and lone \r is read as \n.
  const xml = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  let counted = 0;
  /** Line and column of `at`; positions mostly move forward, so lines are counted about once. */
  const where = (at: number) => {
    if (at < counted) [line, lineStart, counted] = [1, 0, 0];
    for (; counted < at; counted++) {
      if (xml.charCodeAt(counted) !== 10) continue;
      line++;
      lineStart = counted + 1;
    }
    return { line, column: at - lineStart + 1 };
  };
  const fail = (reason: string, at = pos): never => {
    const { line: l, column } = where(at);
    throw new XmlSyntaxError(reason, l, column);
  };

  const illegal = xml.search(ILLEGAL);
  if (illegal !== -1)
    fail(
      `character U+${xml.codePointAt(illegal)!.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`,
      illegal,
    );

  const name = (what: string) => {
    NAME.lastIndex = pos;
    const match = NAME.exec(xml);
    if (!match) fail(`expected ${what}`);
    pos = NAME.lastIndex;
    return match![0];
  };
  const skipSpace = () => {
    SPACE.lastIndex = pos;
    SPACE.exec(xml);
    const skipped = SPACE.lastIndex > pos;
    pos = SPACE.lastIndex;
    return skipped;
  };
  const until = (end: string, what: string) => {
    const at = xml.indexOf(end, pos);
    if (at === -1) fail(`${what} is not closed with ${end}`);
    const body = xml.slice(pos, at);
    pos = at + end.length;
    return body;
  };
  /** Entities and character references decoded; `at` is where `raw` starts, for messages. */
  const decode = (raw: string, at: number) => {
    let out = '';
    let from = 0;
    for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
      REFERENCE.lastIndex = amp;
      const match = REFERENCE.exec(raw);
      if (!match) {
        const entity = /^&([^\s&;<]{1,30});/.exec(raw.slice(amp));
        fail(entity ? `undefined entity &${entity[1]};` : 'a bare & (write &amp;)', at + amp);
      }
      const [, hex, dec, named] = match!;
      let char = named ? PREDEFINED[named] : '';
      if (!named) {
        const code = parseInt(hex ?? dec, hex ? 16 : 10);
        char = code <= 0x10ffff ? String.fromCodePoint(code) : '\0';
        if (ILLEGAL.test(char)) fail(`character reference ${match![0]} names a character XML does not allow`, at + amp);
      }
      out += raw.slice(from, amp) + char;
      from = REFERENCE.lastIndex;
    }
    return out + raw.slice(from);
  };

  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  if (xml.startsWith('<?xml') && /[\s?]/.test(xml[5] ?? '')) {
    const declaration = until('?>', 'the XML declaration');
    const encoding = /encoding\s*=\s*["']([^"']*)["']/.exec(declaration)?.[1];
    if (encoding && !/^utf-?8$/i.test(encoding)) fail(`the file declares encoding ${encoding}; only UTF-8 is read`, 0);
  }

  while (pos < xml.length) {
    const open = stack.at(-1);
    if (xml[pos] !== '<') {
      const start = pos;
      const at = xml.indexOf('<', pos);
      pos = at === -1 ? xml.length : at;
      const raw = xml.slice(start, pos);
      if (!open) {
        if (raw.trim())
          fail(root ? 'text after the root element' : 'text before the root element', start + raw.search(/\S/));
        continue;
      }
      if (raw.includes(']]>')) fail(']]> is not allowed in text', start + raw.indexOf(']]>'));
      open.text += decode(raw, start);
    } else if (xml.startsWith('<!--', pos)) {
      pos += 4;
      const bodyAt = pos;
      const comment = until('-->', 'a comment');
      const dashes = `${comment}-`.indexOf('--');
      if (dashes !== -1) fail('-- is not allowed inside a comment', bodyAt + dashes);
    } else if (xml.startsWith('<![CDATA[', pos)) {
      if (!open) fail('CDATA outside the root element');
      pos += 9;
      open!.text += until(']]>', 'a CDATA section');
    } else if (xml.startsWith('<!', pos)) {
      fail(
        xml.startsWith('<!DOCTYPE', pos)
          ? 'a DOCTYPE is not accepted (nor the entities it could declare)'
          : 'unknown markup after <!',
      );
    } else if (xml.startsWith('<?', pos)) {
      pos += 2;
      const target = name('the name of a processing instruction');
      if (target.toLowerCase() === 'xml') fail('the XML declaration is only allowed at the very start', pos - 5);
      until('?>', 'a processing instruction');
    } else if (xml.startsWith('</', pos)) {
      const closeAt = pos;
      pos += 2;
      const closing = name('the name of a closing tag');
      skipSpace();
      if (xml[pos] !== '>') fail(`expected > to close </${closing}`);
      if (!open) fail(`</${closing}> closes nothing`, closeAt);
      if (open!.name !== closing) fail(`</${closing}> closes <${open!.name}> (line ${open!.line})`, closeAt);
      pos++;
      stack.pop();
    } else {
      if (!open && root) fail('a second root element (a document has one)');
      const tagAt = pos;
      pos++;
      const element: XmlElement = {
        name: name('an element name after <'),
        attributes: {},
        children: [],
        text: '',
        line: where(tagAt).line,
      };
      // A document cut short ends inside the tag: said as such, not as the next token missing.
      const notCut = () => pos < xml.length || fail(`<${element.name}> is not closed with >`);
      for (;;) {
        const spaced = skipSpace();
        if (xml.startsWith('/>', pos) || xml[pos] === '>') break;
        notCut();
        if (!spaced) fail(`expected a space, > or /> in <${element.name}>`);
        const attribute = name(`an attribute name, > or /> in <${element.name}>`);
        skipSpace();
        notCut();
        if (xml[pos] !== '=') fail(`expected = after the attribute ${attribute}`);
        pos++;
        skipSpace();
        notCut();
        const quote = xml[pos];
        if (quote !== '"' && quote !== "'") fail(`the value of ${attribute} must be in quotes`);
        pos++;
        const valueAt = pos;
        const raw = until(quote, `the value of ${attribute}`);
        if (raw.includes('<'))
          fail(`< is not allowed in the value of ${attribute} (write &lt;)`, valueAt + raw.indexOf('<'));
        if (Object.hasOwn(element.attributes, attribute)) fail(`the attribute ${attribute} appears twice`, valueAt);
        // Attribute-value normalization: literal white space is a space; references keep theirs.
        element.attributes[attribute] = decode(raw.replace(/[\t\n]/g, ' '), valueAt);
      }
      if (open) open.children.push(element);
      else root = element;
      if (xml[pos] === '>') {
        if (stack.length >= maxDepth) fail(`elements are nested more than ${maxDepth} deep`, tagAt);
        stack.push(element);
        pos++;
      } else pos += 2;
    }
  }
  if (stack.length) fail(`<${stack.at(-1)!.name}> (line ${stack.at(-1)!.line}) is not closed`);
  if (!root) fail('no root element: the document is empty');
  return root!;
}
