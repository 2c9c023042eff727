// What the built-in redaction looks for. A detector is a regular expression without capture
// groups plus an optional check that confirms a candidate (Luhn, mod 97, number plans) and says
// which part to hide. Detectors come in groups whose members start alike (digits, key prefixes,
// keywords): each group is scanned as one alternation, which keeps every scan anchored on rare
// characters. One alternation of everything was measured 10× slower.
import {
  cardGroupingValid,
  cardNumberValid,
  countDigits,
  digitsOf,
  ibanChecksumValid,
  ibanLength,
  ipv6Plausible,
  ssnValid,
} from './checks.ts';

export const BUILTIN_TYPES = ['EMAIL', 'PHONE', 'CARD', 'SSN', 'IBAN', 'IP', 'SECRET'] as const;
export type BuiltinType = (typeof BUILTIN_TYPES)[number];

/** The part to replace, as offsets from the match start (it may reach outside the match). */
export type Span = { start: number; end: number } | null;

export interface Detector {
  type: BuiltinType;
  source: string;
  /** true: hide the whole match; a span: hide that; false or null: not a finding after all. */
  confirm?: (match: string, text: string, index: number) => Span | boolean;
}

export interface DetectorGroup {
  detectors: Detector[];
  flags?: 'i';
  /** A lookbehind shared by the group's detectors. */
  lead?: string;
  /**
   * A cheap test that the group can match at all: a native substring search for something every
   * match contains (several times cheaper than the group's scan). It must never say no to a text
   * the group would match; test/unit/redact.test.ts checks each one against the scan itself.
   */
  mayMatch?: (text: string) => boolean;
}

const TOKEN_START = '(?<![A-Za-z0-9_-])';
const TOKEN_END = '(?![A-Za-z0-9_-])';

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isWordChar = (c: number) => isAlnum(c) || c === 95;
const isHexOrColon = (c: number) => (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Hides what follows the `:`/`=` (and any quote) of `password: "…"`, keeping the name. */
function valueAfterSeparator(match: string, text: string, index: number): Span {
  if (index > 0 && isAlnum(text.charCodeAt(index - 1))) return null;
  let start = match.search(/[:=]/) + 1;
  while (start < match.length && ' \t"\''.includes(match[start])) start++;
  return { start, end: match.length };
}

function passwordInProse(match: string, text: string, index: number): Span {
  if (index > 0 && isAlnum(text.charCodeAt(index - 1))) return null;
  const start = match.search(/ is[ \t]/) + 3;
  let end = match.length;
  while (end > start && '.!?)'.includes(match[end - 1])) end--;
  const value = match.slice(start, end).trimStart();
  return /\d/.test(value) && end - start >= 6 ? { start: end - value.length, end } : null;
}

/** Hides the credential of `Bearer …`, keeping the scheme. */
function credentialAfterScheme(match: string, text: string, index: number): Span {
  if (index > 0 && isAlnum(text.charCodeAt(index - 1))) return null;
  let start = match.search(/[ \t]/);
  while (match[start] === ' ' || match[start] === '\t') start++;
  const credential = match.slice(start);
  // `token <word>` is also English: only a credential when it mixes letters and digits.
  if (/^token/i.test(match) && !(/\d/.test(credential) && /[A-Za-z]/.test(credential))) return null;
  return { start, end: match.length };
}

/** Letters past ASCII (José, jürgen, zoë): internationalised addresses allow them (RFC 6531). */
const NON_ASCII_LETTER = /\p{L}/u;

/** `name@2x.png` is a retina image, not an address: file extensions are not top-level domains. */
const FILE_EXTENSION_TLD = /\.(?:png|jpe?g|gif|svg|webp|ico|bmp|tiff?)$/i;

/** The match is `@domain`: extend left over the local part (at most 64 characters). */
function emailLocalPart(match: string, text: string, index: number): Span {
  if (FILE_EXTENSION_TLD.test(match)) return null;
  let start = index;
  while (start > 0 && index - start <= 64) {
    const c = text.charCodeAt(start - 1);
    if (!(
      isAlnum(c) ||
      c === 46 ||
      c === 95 ||
      c === 37 ||
      c === 43 ||
      c === 45 ||
      (c > 127 && NON_ASCII_LETTER.test(text[start - 1]))
    ))
      break;
    start--;
  }
  if (start === index || index - start > 64) return null;
  return { start: start - index, end: match.length };
}

/** The match is a colon next to hex digits: widen to the whole token and check it is IPv6. */
function ipv6Around(match: string, text: string, index: number): Span {
  let start = index;
  while (start > 0 && isHexOrColon(text.charCodeAt(start - 1))) start--;
  let end = index + match.length;
  while (end < text.length && (isHexOrColon(text.charCodeAt(end)) || text.charCodeAt(end) === 46)) end++;
  while (text.charCodeAt(end - 1) === 46) end--;
  if (start > 0 && (isWordChar(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 46)) return null;
  if (end < text.length && isWordChar(text.charCodeAt(end))) return null;
  return ipv6Plausible(text.slice(start, end)) ? { start: start - index, end: end - index } : null;
}

/**
 * A card number is written with one kind of separator in the usual grouping; it may be followed
 * by more digit groups (expiry, CVC), so shorter runs of whole groups are tried too.
 */
function confirmCard(match: string): Span | boolean {
  const separator = match.match(/[ -]/)?.[0];
  if (separator && match.includes(separator === ' ' ? '-' : ' ')) return null;
  const groups = separator ? match.split(separator) : [match];
  let end = match.length;
  for (let n = groups.length; n >= 1; n--) {
    const lengths = groups.slice(0, n).map((g) => g.length);
    if (cardGroupingValid(lengths) && cardNumberValid(groups.slice(0, n).join(''))) return { start: 0, end };
    end -= groups[n - 1].length + 1;
  }
  return null;
}

/** Takes exactly the country's IBAN length (ignoring spaces), so trailing words are not swallowed. */
function confirmIban(match: string): Span | boolean {
  const length = ibanLength(match.slice(0, 2));
  if (!length) return null;
  let compact = '';
  let end = 0;
  for (; end < match.length && compact.length < length; end++) if (match[end] !== ' ') compact += match[end];
  return compact.length === length && ibanChecksumValid(compact) ? { start: 0, end } : null;
}

/** The match continues a grouped number (3704 0044 0532 0130, an IBAN cut off): not a phone on its own. */
function afterDigitGroup(text: string, index: number): boolean {
  return index >= 2 && /\d/.test(text[index - 2]) && ' -'.includes(text[index - 1]);
}

function internationalWithZeros(match: string, text: string, index: number): boolean {
  return !afterDigitGroup(text, index) && /^00[1-9]\d{0,2}[ .()-]/.test(match);
}

function nationalNumber(match: string, text: string, index: number): boolean {
  const digits = countDigits(match);
  return digits >= 9 && digits <= 12 && !afterDigitGroup(text, index);
}

const PROVIDER_KEYS = [
  'sk-[A-Za-z0-9_-]{20,}', // OpenAI (sk-, sk-proj-) and Anthropic (sk-ant-api03-)
  '(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}', // Stripe secret and restricted keys
  '(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}', // AWS access key ids
  'gh[pousr]_[A-Za-z0-9]{30,}', // GitHub tokens
  'github_pat_[A-Za-z0-9_]{30,}',
  'glpat-[A-Za-z0-9_-]{20,}', // GitLab
  'xox[abposr]-[A-Za-z0-9-]{10,}', // Slack
  'AIza[0-9A-Za-z_-]{35}', // Google API keys
  'hf_[A-Za-z0-9]{30,}', // Hugging Face
  'sb_[A-Za-z0-9_-]{32}', // Switchboard's own API keys
].join('|');

/** Names under which secrets are written in code, env files, JSON and headers (case-insensitive). */
const SECRET_NAMES =
  'api[_-]?key|secret[_-]?key|client[_-]?secret|(?:access|auth|refresh)[_-]?token|private[_-]?key|passw(?:or)?d|aws[_-]?secret[_-]?access[_-]?key';

const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

export const DETECTOR_GROUPS: DetectorGroup[] = [
  {
    // PEM private keys, also when the END line was cut off.
    mayMatch: (text) => text.includes('-----BEGIN '),
    detectors: [
      {
        type: 'SECRET',
        source: '-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\\s\\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)',
      },
    ],
  },
  {
    lead: TOKEN_START,
    detectors: [
      { type: 'SECRET', source: 'eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*' }, // JWT
      { type: 'SECRET', source: `(?:${PROVIDER_KEYS})${TOKEN_END}` },
    ],
  },
  {
    mayMatch: (text) => text.includes('hooks.slack.com/services/'),
    detectors: [{ type: 'SECRET', source: 'hooks\\.slack\\.com/services/[A-Za-z0-9/_-]{10,}' }],
  },
  {
    flags: 'i',
    detectors: [
      {
        type: 'SECRET',
        source: `(?:${SECRET_NAMES})["']?[ \\t]{0,3}[:=][ \\t]{0,3}["']?[^\\s"'\`,;]{6,}`,
        confirm: valueAfterSeparator,
      },
      {
        type: 'SECRET',
        source: '(?:bearer|basic|token)[ \\t]{1,3}[A-Za-z0-9._~+/-]{16,}=*',
        confirm: credentialAfterScheme,
      },
      // In prose: "my password is tanaka094". Only values with a digit, so "password is incorrect" stays.
      {
        type: 'SECRET',
        source: '(?:passw(?:or)?d|passcode|pin) is[ \\t]{1,3}[^\\s"\'`,;]{6,}',
        confirm: passwordInProse,
      },
    ],
  },
  {
    mayMatch: (text) => text.includes('@'),
    detectors: [
      { type: 'EMAIL', source: '@(?:[A-Za-z0-9-]{1,63}\\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])', confirm: emailLocalPart },
    ],
  },
  {
    lead: '(?<![A-Za-z0-9])',
    detectors: [
      {
        type: 'IBAN',
        source: '[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])',
        confirm: confirmIban,
      },
    ],
  },
  { mayMatch: (text) => text.includes(':'), detectors: [{ type: 'IP', source: ':[0-9A-Fa-f:]', confirm: ipv6Around }] },
  {
    // Numbers. Phones need a + or separators: bare runs of digits are order ids and timestamps.
    lead: '(?<![\\w.+-])',
    detectors: [
      { type: 'IP', source: `(?:${IPV4_OCTET}\\.){3}${IPV4_OCTET}(?!\\w|\\.\\d)` },
      { type: 'SSN', source: '\\d{3}(?:-\\d{2}-| \\d{2} )\\d{4}(?![\\w-])', confirm: (m) => ssnValid(digitsOf(m)) },
      { type: 'CARD', source: '\\d(?:[ -]?\\d){12,18}(?![\\w-])', confirm: confirmCard },
      { type: 'PHONE', source: '\\+(?:\\d[ .()-]{0,2}){7,14}\\d(?!\\w)' },
      // The same with 00 for the + (0044 20 7946 0958), as dialled from most of Europe; not a
      // group in the middle of a longer grouped number (3704 0044 0532 0130).
      { type: 'PHONE', source: '00[1-9](?:\\d[ .()-]{0,2}){6,13}\\d(?!\\w)', confirm: internationalWithZeros },
      { type: 'PHONE', source: '(?:1[ .-]?)?(?:\\(\\d{3}\\)[ .-]?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}(?![\\w-])' },
      // National numbers with a trunk 0 (030 1234567, 06 12 34 56 78); dd-mm-yyyy dates have 8 digits.
      { type: 'PHONE', source: '0[1-9]\\d{0,3}[ -]\\d{2,8}(?:[ -]\\d{2,4}){0,3}(?![\\w-])', confirm: nationalNumber },
    ],
  },
];
