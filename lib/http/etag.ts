// Conditional requests: whether a request's If-None-Match (or If-Match) header names the current
// ETag. The switch document, OFREP and the SLO document answer 304 or 412 with it.

/** True when an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
}
