import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type { RowIssue } from '../../lib/errors.js';

/**
 * Turns an uploaded customer file into records, one at a time, so a million rows pass through
 * in constant memory. Structural problems (a row with the wrong number of columns, a line that
 * is not JSON) are reported per line; the caller validates the fields.
 */
export type RecordOrIssue = { line: number; record: Record<string, unknown> } | RowIssue;

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
  if (format === 'csv') yield* readCsv(source);
  else yield* readNdjson(source);
}

async function* readCsv(source: Readable): AsyncGenerator<RecordOrIssue> {
  const parser = source.pipe(
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true }),
  );
  source.on('error', (error) => parser.destroy(error));
  let header: (string | undefined)[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = info.lines;
      if (!header) {
        header = record.map(fieldFor);
        const unknown = record.filter((_, i) => header![i] === undefined);
        if (unknown.length > 0)
          yield {
            line,
            field: unknown[0]!,
            message: `is not a known column (${unknown.join(', ')})`,
          };
        if (!header.includes('externalId'))
          yield { line, field: 'external_id', message: 'column is required' };
        continue;
      }
      if (record.length !== header.length) {
        yield {
          line,
          field: '(row)',
          message: `has ${record.length} columns, the header has ${header.length}`,
        };
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
    // csv-parse stops at a structural error (an unclosed quote); say where, and stop.
    const where = (error as { lines?: number }).lines ?? 0;
    yield {
      line: where,
      field: '(file)',
      message: `is not valid CSV: ${(error as Error).message}`,
    };
  }
}

async function* readNdjson(source: Readable): AsyncGenerator<RecordOrIssue> {
  const lines = createInterface({ input: source, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { line, field: '(line)', message: 'is not valid JSON' };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line, field: '(line)', message: 'must be a JSON object' };
      continue;
    }
    const fields: Record<string, unknown> = {};
    let unknownKey: string | null = null;
    for (const [key, v] of Object.entries(value)) {
      const field = fieldFor(key);
      if (field) fields[field] = v === '' ? null : v;
      else unknownKey ??= key;
    }
    if (unknownKey !== null) yield { line, field: unknownKey, message: 'is not a known field' };
    else yield { line, record: fields };
  }
}
