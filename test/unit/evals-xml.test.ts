// lib/evals/xml.ts, the strict XML parser of the JUnit import, against saxes (a conformant XML 1.0
// parser, test/support/xml.ts): the same tree for what JUnit writers produce, and a refusal with
// line and column for every kind of malformed input saxes refuses too.
import { describe, expect, it } from 'vitest';
import { parseXml, XmlSyntaxError, type XmlElement } from '@/lib/evals/xml';
import { toJUnitXml } from '@/lib/evals/junit';
import { parseXmlStrict, type XmlElement as SaxesElement } from '../support/xml';

const plain = (e: XmlElement | SaxesElement): unknown => ({
  name: e.name,
  attributes: e.attributes,
  text: e.text,
  children: e.children.map(plain),
});

const PYTEST = `<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="4" time="0.168" timestamp="2026-12-07T06:44:42.294855+00:00" hostname="vm"><testcase classname="test_demo" name="test_ok" time="0.005" /><testcase classname="test_demo" name="test_fail" time="0.001"><failure message="AssertionError: answer lacks kiwi&#10;assert 'kiwi' in 'banana &amp; &lt;apple&gt;'">def test_fail():
&gt;       assert "kiwi" in "banana &amp; &lt;apple&gt;", "answer lacks kiwi"
E       AssertionError: answer lacks kiwi

test_demo.py:11: AssertionError</failure></testcase><testcase classname="test_demo" name="test_param[\\xfc]" time="0.003"><skipped type="pytest.skip" message="not yet">test_demo.py:16: not yet</skipped></testcase></testsuite></testsuites>`;

const OTHER = `\uFEFF<?xml version='1.0'?>
<!-- written by another runner -->
<?xml-stylesheet href="junit.xsl"?>
<testsuite name='unit &#x2014; “quoted”' tests="2">
  <properties><property name="python" value="3.11"/></properties>
  <testcase name="tab&#9;and	space" classname="a.b"><system-out><![CDATA[raw <output> & more]]></system-out></testcase>
  <testcase name="é ✓ 😀"/>
</testsuite>
<!-- done -->
`;

function refusal(xml: string): XmlSyntaxError {
  try {
    parseXml(xml);
  } catch (err) {
    if (err instanceof XmlSyntaxError) return err;
    throw err;
  }
  throw new Error(`accepted: ${xml}`);
}

describe('parseXml', () => {
  it('reads what pytest, another runner and our own JUnit writer write exactly as saxes does', () => {
    const run = {
      feature: 'f',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      target: { kind: 'exec' as const },
      environment: 'production',
      threshold: 1,
      total: 1,
      passed: 0,
      passRate: 0,
    };
    const ours = toJUnitXml({
      ...run,
      results: [
        {
          name: 'a "b" <c> & \n d',
          repeat: 0,
          passed: false,
          score: 0,
          vars: {},
          output: 'x\ty\r\nz',
          expected: null,
          assertions: [],
          latencyMs: 5,
          costUsd: null,
          cached: false,
          error: 'boom & <bang>',
        },
      ],
    });
    for (const xml of [PYTEST, OTHER, ours]) expect(plain(parseXml(xml))).toEqual(plain(parseXmlStrict(xml)));
    const failure = parseXml(PYTEST).children[0].children[1].children[0];
    expect(failure.attributes.message).toBe("AssertionError: answer lacks kiwi\nassert 'kiwi' in 'banana & <apple>'");
    expect(failure.text).toContain('>       assert "kiwi" in "banana & <apple>"');
    const other = parseXml(OTHER);
    expect(other.attributes.name).toBe('unit — “quoted”');
    expect(other.children.map((c) => [c.name, c.line])).toEqual([
      ['properties', 5],
      ['testcase', 6],
      ['testcase', 7],
    ]);
    expect(other.children[1].attributes.name).toBe('tab\tand space');
    expect(other.children[1].children[0].text).toBe('raw <output> & more');
  });

  it.each([
    ['', 'line 1, column 1: no root element: the document is empty'],
    ['{"results": []}', 'line 1, column 1: text before the root element'],
    ['<a><b></a>', 'line 1, column 7: </a> closes <b> (line 1)'],
    ['<a>\n<b>\n</b>', 'line 3, column 5: <a> (line 1) is not closed'],
    ['<a x=1/>', 'line 1, column 6: the value of x must be in quotes'],
    ['<a x="1" x="2"/>', 'line 1, column 13: the attribute x appears twice'],
    ['<a x="1"y="2"/>', 'line 1, column 9: expected a space, > or /> in <a>'],
    ['<a x="<"/>', 'line 1, column 7: < is not allowed in the value of x (write &lt;)'],
    ['<a>fish & chips</a>', 'line 1, column 9: a bare & (write &amp;)'],
    ['<a>&nbsp;</a>', 'line 1, column 4: undefined entity &nbsp;'],
    ['<a>&#0;</a>', 'line 1, column 4: character reference &#0; names a character XML does not allow'],
    ['<a>\u0001</a>', 'line 1, column 4: character U+0001 is not allowed in XML'],
    ['<a/><b/>', 'line 1, column 5: a second root element (a document has one)'],
    ['<a/>trailing', 'line 1, column 5: text after the root element'],
    [
      '<!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>',
      'line 1, column 1: a DOCTYPE is not accepted (nor the entities it could declare)',
    ],
    ['<a><!-- a -- b --></a>', 'line 1, column 11: -- is not allowed inside a comment'],
    ['<a><![CDATA[x</a>', 'line 1, column 13: a CDATA section is not closed with ]]>'],
    ['<a>x ]]> y</a>', 'line 1, column 6: ]]> is not allowed in text'],
    ['<a/>\n<?xml version="1.0"?>', 'line 2, column 1: the XML declaration is only allowed at the very start'],
    [
      '<?xml version="1.0" encoding="ISO-8859-1"?><a/>',
      'line 1, column 1: the file declares encoding ISO-8859-1; only UTF-8 is read',
    ],
    ['<1a/>', 'line 1, column 2: expected an element name after <'],
    ['<a', 'line 1, column 3: <a> is not closed with >'],
    ['<a/></b>', 'line 1, column 5: </b> closes nothing'],
    ['<a><!-- x ---></a>', 'line 1, column 11: -- is not allowed inside a comment'],
  ])('refuses %j', (xml, message) => {
    expect(refusal(xml).message).toBe(message);
    // saxes refuses it too (a DOCTYPE and a declared encoding aside, which are XML but not ours to read).
    if (!xml.startsWith('<!DOCTYPE') && !xml.includes('ISO-8859-1')) expect(() => parseXmlStrict(xml)).toThrow();
  });

  it('bounds the nesting', () => {
    expect(refusal(`${'<a>'.repeat(101)}${'</a>'.repeat(101)}`).message).toBe(
      'line 1, column 301: elements are nested more than 100 deep',
    );
    expect(parseXml(`${'<a>'.repeat(100)}${'</a>'.repeat(100)}`).name).toBe('a');
  });
});
