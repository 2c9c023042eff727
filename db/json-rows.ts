// Bulk inserts of large rows pass all of them as ONE jsonb parameter that `jsonb_to_recordset`
// unpacks: JSON.stringify is the fastest serialiser Node has, nested JSON (prompts, metadata) is
// written once instead of being escaped a second time inside an array literal, and Postgres parses
// it once. Rows are keyed by the drizzle property names, so row objects are stringified as they are.
// Strings must be storable (no U+0000, no unpaired surrogates: see storableText), or the whole
// parameter is refused.
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * A function of rows that makes `insert into <table> (<columns of keys>) select … from
 * jsonb_to_recordset($1) …`; append `on conflict …`/`returning …` to it. A key that is missing
 * or null in a row stores the column's default where that is a constant, else NULL.
 */
export function jsonRowsInsert<T extends PgTable>(
  table: T,
  keys: readonly (keyof T['$inferInsert'] & string)[],
): (rows: readonly T['$inferInsert'][]) => SQL {
  const columns = getTableColumns(table);
  const columnOf = (key: string) => {
    const column = columns[key];
    if (!column) throw new Error(`${key} is not a column of the table`);
    return column;
  };
  const names = sql.raw(keys.map((k) => `"${columnOf(k).name}"`).join(', '));
  const fields = sql.join(
    keys.map((k) => {
      const { hasDefault, default: fallback } = columnOf(k);
      const constant = hasDefault && ['number', 'string', 'boolean'].includes(typeof fallback);
      return constant ? sql`coalesce(${sql.identifier(k)}, ${fallback})` : sql.identifier(k);
    }),
    sql`, `,
  );
  const types = sql.raw(keys.map((k) => `"${k}" ${columnOf(k).getSQLType()}`).join(', '));
  return (rows) =>
    sql`insert into ${table} (${names}) select ${fields} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${types})`;
}
