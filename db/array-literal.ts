// Bulk inserts pass one Postgres array literal per column to `unnest(...)`: one parameter per
// column instead of one per value, which is several times faster to build and send than drizzle's
// multi-row VALUES, and behaves the same on postgres.js and PGlite (which disagree on JS arrays).

/** `{"a","b",NULL}` for any scalars; strings are quoted and escaped. */
export function arrayLiteral(values: readonly unknown[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'number') out += Number.isFinite(v) ? String(v) : 'NULL';
    else if (typeof v === 'boolean') out += v ? 't' : 'f';
    else {
      const s = v instanceof Date ? v.toISOString() : String(v);
      out += '"' + (/["\\]/.test(s) ? s.replace(/["\\]/g, '\\$&') : s) + '"';
    }
  }
  return out + '}';
}
