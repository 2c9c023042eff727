// Checksums and number-plan rules that separate real identifiers from look-alikes (order ids,
// timestamps, version strings). Each takes the matched text and allocates as little as it can.
import { isIPv6 } from 'node:net';

const CODE_0 = 48;

function isDigitCode(c: number): boolean {
  return c >= CODE_0 && c <= CODE_0 + 9;
}

/** The digits of `text`, dropping separators. */
export function digitsOf(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) if (isDigitCode(text.charCodeAt(i))) out += text[i];
  return out;
}

export function countDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isDigitCode(text.charCodeAt(i))) n++;
  return n;
}

/** The Luhn (mod 10) check used by every payment card number. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - CODE_0;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Issuer prefixes and lengths of the card networks in use: Visa 4 (13, 16, 19 digits), Amex 34/37
 * (15), Mastercard 51-55 and 2221-2720 (16), JCB 35 and Diners 30/36/38/39 (14-19), Discover,
 * UnionPay and Maestro 50/56-69 (13-19). Numbers starting with 0, 1, 7, 8 or 9 are ids and
 * timestamps, not cards.
 */
export function cardPrefixValid(digits: string): boolean {
  const n = digits.length;
  const two = Number(digits.slice(0, 2));
  switch (digits[0]) {
    case '4':
      return n === 13 || n === 16 || n === 19;
    case '3':
      if (two === 34 || two === 37) return n === 15;
      return (two === 30 || two === 35 || two === 36 || two === 38 || two === 39) && n >= 14;
    case '5':
      if (two >= 51 && two <= 55) return n === 16;
      return two === 50 || two >= 56;
    case '6':
      return true;
    case '2': {
      const four = Number(digits.slice(0, 4));
      return four >= 2221 && four <= 2720 && n === 16;
    }
    default:
      return false;
  }
}

export function cardNumberValid(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && cardPrefixValid(digits) && luhnValid(digits);
}

/**
 * How card numbers are written: in groups of four (the last may be shorter), or 4-6-5 / 4-6-4
 * (Amex, Diners). Other groupings of digits are dates, ids or phone numbers.
 */
export function cardGroupingValid(groupLengths: number[]): boolean {
  const n = groupLengths.length;
  if (n === 1) return true;
  if (n === 3 && groupLengths[0] === 4 && groupLengths[1] === 6 && (groupLengths[2] === 5 || groupLengths[2] === 4))
    return true;
  for (let i = 0; i < n - 1; i++) if (groupLengths[i] !== 4) return false;
  return groupLengths[n - 1] >= 1 && groupLengths[n - 1] <= 4;
}

/**
 * US Social Security Number rules: area 001-899 except 666, group 01-99, serial 0001-9999.
 * `digits` is the nine digits without separators.
 */
export function ssnValid(digits: string): boolean {
  if (digits.length !== 9) return false;
  const area = Number(digits.slice(0, 3));
  const group = Number(digits.slice(3, 5));
  const serial = Number(digits.slice(5));
  return area > 0 && area < 900 && area !== 666 && group > 0 && serial > 0;
}

/** IBAN length per country (SWIFT IBAN registry). */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

export function ibanLength(country: string): number | undefined {
  return IBAN_LENGTHS[country];
}

/** ISO 13616 check: move the first four characters to the end, letters to 10..35, mod 97 = 1. */
export function ibanChecksumValid(iban: string): boolean {
  let rest = 0;
  const n = iban.length;
  for (let k = 0; k < n; k++) {
    const c = iban.charCodeAt((k + 4) % n);
    if (isDigitCode(c)) rest = (rest * 10 + (c - CODE_0)) % 97;
    else if (c >= 65 && c <= 90) rest = (rest * 100 + (c - 55)) % 97;
    else return false;
  }
  return rest === 1;
}

/**
 * A real IPv6 address, not a clock time or a `::` in code: it parses as IPv6 and has at least
 * three groups, or two with one of four hex digits (fe80::1), or an IPv4 tail (::ffff:192.0.2.1).
 */
export function ipv6Plausible(text: string): boolean {
  if (!isIPv6(text)) return false;
  if (text.includes('.')) return true;
  let groups = 0;
  let longGroup = false;
  for (const group of text.split(':')) {
    if (group.length > 0) groups++;
    if (group.length === 4) longGroup = true;
  }
  return groups >= 3 || (groups === 2 && longGroup);
}
