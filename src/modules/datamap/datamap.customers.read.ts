import { CsvError, parse } from 'csv-parse';
import { Transform, type Readable } from 'node:stream';
import { BadRequest, type RowIssue } from '../../lib/errors.js';

/**
 * Turns an uploaded customer file into records, one at a time, so a million rows pass through
 * in constant memory. Structural problems (a row with the wrong number of columns, a line that
 * is not JSON) are reported per line; the caller validates the fields.
 *
 * Messages never quote cell values: rejected imports are kept and shown to viewers, and a
 * file without a header row would otherwise copy a customer's details into them.
 */
export type RecordOrIssue = { line: number; record: Record<string, unknown> } | RowIssue;

/** No customer record needs more; a longer line is an attack or a broken file. */
export const MAX_LINE_BYTES = 64 * 1024;

/** File columns and NDJSON keys, by the field they fill. */
const FIELD_NAMES: Record<string, string> = {
  external_id: 'externalId',
  externalid: 'externalId',
  email: 'email',
  name: 'name',
  phone: 'phone',
  country: 'country',
  region: 'region',
  state: 'region',
  locale: 'locale',
  customer_since: 'customerSince',
  customersince: 'customerSince',
  created: 'customerSince',
  created_at: 'customerSince',
};

export function fieldFor(column: string): string | undefined {
  return FIELD_NAMES[column.trim().toLowerCase()];
}

export async function* readCustomerRecords(
  source: Readable,
  format: 'csv' | 'ndjson',
): AsyncGenerator<RecordOrIssue> {
  const text = source.pipe(strictUtf8());
  source.on('error', (error) => text.destroy(error));
  if (format === 'csv') yield* readCsv(text);
  else yield* readNdjson(text);
}

/** Decodes UTF-8 and refuses anything else, instead of committing `M�ller` as a name. */
function strictUtf8(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const fail = () => new BadRequest('body: is not valid UTF-8');
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback) {
      try {
        callback(null, decoder.decode(chunk, { stream: true }));
      } catch {
        callback(fail());
      }
    },
    flush(callback) {
      try {
        callback(null, decoder.decode());
      } catch {
        callback(fail());
      }
    },
  });
}

async function* readCsv(text: Readable): AsyncGenerator<RecordOrIssue> {
  const parser = text.pipe(
    parse({
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      max_record_size: MAX_LINE_BYTES,
    }),
  );
  text.on('error', (error) => parser.destroy(error));
  let header: (string | undefined)[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = info.lines;
      if (!header) {
        header = record.map(fieldFor);
        yield* headerIssues(line, header);
        continue;
      }
      if (record.length !== header.length) {
        const message = `has ${record.length} columns, the header has ${header.length}`;
        yield { line, field: '(row)', message };
        continue;
      }
      const fields: Record<string, unknown> = {};
      record.forEach((value, i) => {
        const field = header![i];
        if (field) fields[field] = value === '' ? null : value;
      });
      yield { line, record: fields };
    }
  } catch (error) {
    // Only csv-parse's own errors are the file's fault; a bad body (size, gzip) is rethrown.
    if (!(error instanceof CsvError)) throw error;
    // After a structural error csv-parse cannot tell where fields end: say where, and stop.
    // Its message quotes the field, so only the code is used.
    const where = (error as CsvError & { lines?: number }).lines ?? 0;
    const reason = error.code.replace(/^CSV_/, '').toLowerCase().replace(/_/g, ' ');
    const message = `is not valid CSV (${reason}); later lines were not read`;
    yield { line: where, field: '(file)', message };
  }
}

function* headerIssues(line: number, header: (string | undefined)[]): Generator<RowIssue> {
  const unknown = header.flatMap((field, i) => (field === undefined ? [i + 1] : []));
  if (unknown.length > 0)
    yield {
      line,
      field: '(header)',
      message: `column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not known (expected a header row of: ${Object.keys(FIELD_NAMES).join(', ')})`,
    };
  if (!header.includes('externalId'))
    yield { line, field: 'external_id', message: 'column is required' };
}

async function* readNdjson(text: Readable): AsyncGenerator<RecordOrIssue> {
  let line = 0;
  for await (const content of boundedLines(text)) {
    line += 1;
    if (content === null) {
      yield { line, field: '(line)', message: `is longer than ${MAX_LINE_BYTES} bytes` };
      continue;
    }
    if (content.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch {
      yield { line, field: '(line)', message: 'is not valid JSON' };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line, field: '(line)', message: 'must be a JSON object' };
      continue;
    }
    const fields: Record<string, unknown> = {};
    let unknownKeys = 0;
    for (const [key, v] of Object.entries(value)) {
      const field = fieldFor(key);
      if (field) fields[field] = v === '' ? null : v;
      else unknownKeys += 1;
    }
    if (unknownKeys > 0)
      yield { line, field: '(line)', message: `has ${unknownKeys} unknown field(s)` };
    else yield { line, record: fields };
  }
}

/**
 * Lines of a text stream, with CRLF or LF endings. A line over the limit yields null and is
 * skipped to its end without being held, so one huge line cannot exhaust memory.
 */
export async function* boundedLines(text: AsyncIterable<string>): AsyncGenerator<string | null> {
  let pending = '';
  let overlong = false;
  for await (const chunk of text) {
    let start = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
      const piece = pending + chunk.slice(start, end);
      pending = '';
      start = end + 1;
      if (overlong || piece.length > MAX_LINE_BYTES) yield null;
      else yield piece.endsWith('\r') ? piece.slice(0, -1) : piece;
      overlong = false;
    }
    if (!overlong) {
      pending += chunk.slice(start);
      if (pending.length > MAX_LINE_BYTES) {
        overlong = true;
        pending = '';
      }
    }
  }
  const last = pending.endsWith('\r') ? pending.slice(0, -1) : pending;
  if (overlong) yield null;
  else if (last !== '') yield last;
}
