// A small RFC 4180 reader for case files: comma-separated, fields in double quotes may hold
// commas, newlines and doubled quotes (""), CRLF or LF line ends, an optional UTF-8 BOM.

export interface CsvRow {
  /** The 1-based line the row starts on, for messages. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** The rows of `text`, blank lines skipped. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  const source = text.replace(/^\uFEFF/, '');
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (source[i] === '"') {
        const opened = line;
        i++;
        for (;;) {
          if (i >= source.length) throw new CsvSyntaxError('a quoted field is not closed (a " is missing)', opened);
          if (source[i] === '"' && source[i + 1] === '"') {
            field += '"';
            i += 2;
          } else if (source[i] === '"') break;
          else {
            if (source[i] === '\n') line++;
            field += source[i++];
          }
        }
        i++;
        if (i < source.length && !/[,\r\n]/.test(source[i]))
          throw new CsvSyntaxError('a quoted field must be followed by a comma or the end of the line', line);
      } else {
        while (i < source.length && !/[,\r\n]/.test(source[i])) {
          if (source[i] === '"')
            throw new CsvSyntaxError('a " inside an unquoted field; quote the field and double the " inside it', line);
          field += source[i++];
        }
      }
      fields.push(field);
      if (source[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (source[i] === '\r') i++;
    if (source[i] === '\n') i++;
    const blank = fields.length === 1 && fields[0].trim() === '';
    if (!blank) rows.push({ line: start, fields });
    line++;
  }
  return rows;
}
