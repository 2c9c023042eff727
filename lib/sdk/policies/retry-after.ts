// The one reader of `Retry-After` in the project: the SDK uses it for provider errors and the
// dashboard's 429/503, the server for eval targets and webhook receivers. It lives in lib/sdk
// because the SDK is built from lib/sdk alone (its tsconfig's rootDir) and may import nothing
// outside it, while server code may import lib/sdk.

/** Delay-seconds; RFC 9110 asks for an integer, and a decimal ("1.5") is read too rather than refused. */
const DELAY_SECONDS = /^\d+(\.\d+)?$/;
/**
 * Every HTTP-date form (IMF-fixdate, RFC 850, asctime) starts with the day's name. Anything else is
 * refused before Date.parse, which would read "-1" or "1.5.2" as a day in 2001 (a wait of 0).
 */
const HTTP_DATE = /^[a-z]{3}/i;

/**
 * A `Retry-After` value (delay-seconds or an HTTP-date) as whole milliseconds from `now`; a date in
 * the past is 0. Null when the value is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  const text = value?.trim() ?? '';
  if (DELAY_SECONDS.test(text)) return Math.round(Number(text) * 1000);
  if (!HTTP_DATE.test(text)) return null;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
