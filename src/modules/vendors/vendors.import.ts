import { parse, type CsvError } from 'csv-parse/sync';
import type { z } from 'zod';
import { vendorInput, vendorStatus } from '../../contracts/vendors.js';
import { RowsRejected, type RowIssue } from '../../lib/errors.js';
import { nameKeyOf, type VendorInput, type VendorStatus } from './vendors.types.js';

/** One checked row of an inventory file. */
export interface ImportedRow {
  line: number;
  profile: VendorInput;
  /** The profile fields the file has columns for; an update replaces only these. */
  fields: (keyof VendorInput)[];
  status: VendorStatus | null;
}

type CellKind = 'text' | 'optional' | 'list';

const PROFILE_COLUMNS = {
  legal_name: { field: 'legalName', kind: 'text' },
  trading_name: { field: 'tradingName', kind: 'optional' },
  website: { field: 'website', kind: 'optional' },
  domains: { field: 'domains', kind: 'list' },
  country: { field: 'country', kind: 'optional' },
  services: { field: 'services', kind: 'text' },
  business_owner: { field: 'businessOwner', kind: 'optional' },
  security_contact: { field: 'securityContact', kind: 'optional' },
  tags: { field: 'tags', kind: 'list' },
} as const satisfies Record<string, { field: keyof VendorInput; kind: CellKind }>;

type ProfileColumn = keyof typeof PROFILE_COLUMNS;
type Column = ProfileColumn | 'status';

export const IMPORT_COLUMNS: readonly Column[] = [
  ...(Object.keys(PROFILE_COLUMNS) as ProfileColumn[]),
  'status',
];

const columnOfField = new Map<string, Column>(
  Object.entries(PROFILE_COLUMNS).map(([column, { field }]) => [field, column as Column]),
);

/** The most row errors a response lists; the total is always reported. */
export const MAX_REPORTED_ROWS = 1000;

interface RawRecord {
  line: number;
  cells: string[];
}

/**
 * The vendor inventory as CSV: parsed and checked whole before anything is written, so a file
 * either imports completely or is refused with every bad row named by its line (header = 1).
 * Pure: no I/O, and any input at all ends in rows or in RowsRejected.
 */
export function parseVendorCsv(text: string): ImportedRow[] {
  const { records, issues } = readRecords(text);
  const [header, ...body] = records;
  if (!header) {
    const message = 'the file is empty; the first line names the columns';
    throw rejectRows(issues.length > 0 ? issues : [{ line: 1, field: 'header', message }]);
  }
  const columns = readHeader(header, issues);
  if (!columns) throw rejectRows(issues);
  const rows: ImportedRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of body) {
    const row = readRow(columns, record, issues);
    if (!row) continue;
    const key = nameKeyOf(row.profile.legalName);
    const first = firstLineOf.get(key);
    if (first === undefined) firstLineOf.set(key, row.line);
    else issues.push({ line: row.line, field: 'legal_name', message: `repeats line ${first}` });
    rows.push(row);
  }
  if (issues.length > 0) throw rejectRows(issues);
  return rows;
}

/** Every problem, by line; the list is capped but the count is not. */
export function rejectRows(issues: readonly RowIssue[]): RowsRejected {
  const sorted = [...issues].sort((a, b) => a.line - b.line);
  const count = `${sorted.length} ${sorted.length === 1 ? 'problem' : 'problems'}`;
  return new RowsRejected(
    `The file has ${count}; nothing was imported`,
    sorted.slice(0, MAX_REPORTED_ROWS),
    sorted.length,
  );
}

/**
 * Strict RFC 4180 parsing (no relaxed quotes or column counts). A record with the wrong number
 * of fields is reported and skipped, so the rest of the file is still checked. After a quoting
 * error csv-parse no longer knows where fields end, so reading stops there. Line endings are
 * unified first because csv-parse miscounts lines when a quoted field contains CRLF.
 */
function readRecords(text: string): { records: RawRecord[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const records: RawRecord[] = [];
  let derailed = false;
  let lastLine = 0;
  const report = (error: CsvError) => {
    if (derailed) return;
    derailed = error.code !== 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH';
    // csv-parse notices an unclosed quote only at the end of the file; it opened on the line
    // after the last complete record (blank lines aside).
    const at = error.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : Number(error.lines) || 1;
    lastLine = at;
    issues.push(csvIssue(error.code, at, derailed));
  };
  try {
    parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_record: (cells: string[], context) => {
        // `lines` is where the record ends; a quoted field may have spanned several.
        const spanned = cells.reduce((sum, cell) => sum + cell.split('\n').length - 1, 0);
        if (!derailed) records.push({ line: context.lines - spanned, cells });
        lastLine = context.lines;
        return null;
      },
      on_skip: (error) => {
        if (error) report(error);
        return undefined;
      },
    });
  } catch (error) {
    if (!isCsvError(error)) throw error;
    report(error);
  }
  return { records, issues };
}

function isCsvError(error: unknown): error is CsvError {
  return error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_');
}

const CSV_MESSAGES: Partial<Record<string, string>> = {
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'has a different number of fields than the header',
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed (a " is missing)',
  CSV_INVALID_CLOSING_QUOTE: 'text follows a closing quote; double any " inside a quoted field',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows a closing quote',
};

function csvIssue(code: string, line: number, final: boolean): RowIssue {
  const message = CSV_MESSAGES[code] ?? `is not valid CSV (${code})`;
  return { line, field: 'row', message: final ? `${message}; later lines were not read` : message };
}

function isColumn(name: string): name is Column {
  return (IMPORT_COLUMNS as readonly string[]).includes(name);
}

/** The header's columns, or null after recording why it cannot be used. */
function readHeader(header: RawRecord, issues: RowIssue[]): Column[] | null {
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const found: RowIssue[] = [];
  const issue = (field: string, message: string) =>
    found.push({ line: header.line, field, message });
  if (names.length === 1 && names[0]!.includes(';')) {
    issue('header', 'columns must be separated by commas, not semicolons');
  } else {
    for (const [index, name] of names.entries()) {
      if (!isColumn(name))
        issue(name, `is not a known column (known: ${IMPORT_COLUMNS.join(', ')})`);
      else if (names.indexOf(name) !== index) issue(name, 'appears more than once');
    }
    if (!names.includes('legal_name')) issue('legal_name', 'the legal_name column is required');
  }
  issues.push(...found);
  return found.length === 0 ? (names as Column[]) : null;
}

function cellValue(kind: CellKind, cell: string): unknown {
  if (kind === 'list') return cell.split(';').flatMap((part) => part.trim() || []);
  if (kind === 'optional' && cell.trim() === '') return null;
  return cell;
}

function readRow(columns: Column[], record: RawRecord, issues: RowIssue[]): ImportedRow | null {
  const raw: Record<string, unknown> = {};
  const fields: (keyof VendorInput)[] = [];
  let statusCell = '';
  columns.forEach((column, index) => {
    const cell = record.cells[index] ?? '';
    if (column === 'status') {
      statusCell = cell.trim().toLowerCase();
      return;
    }
    const { field, kind } = PROFILE_COLUMNS[column];
    raw[field] = cellValue(kind, cell);
    fields.push(field);
  });
  const profile = vendorInput.safeParse(raw, { error: requiredMessage });
  const status = statusCell === '' ? null : vendorStatus.safeParse(statusCell);
  const before = issues.length;
  if (!profile.success)
    issues.push(...profile.error.issues.map((issue) => toRowIssue(record.line, issue)));
  if (status && !status.success) {
    const allowed = vendorStatus.options.join(', ');
    issues.push({ line: record.line, field: 'status', message: `must be one of ${allowed}` });
  }
  if (issues.length > before || !profile.success) return null;
  return { line: record.line, profile: profile.data, fields, status: status?.data ?? null };
}

/** Empty required cells read "is required" rather than Zod's "expected >= 1 characters". */
function requiredMessage(issue: { code?: string; minimum?: unknown; origin?: string }) {
  return issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1
    ? 'is required'
    : undefined;
}

function toRowIssue(line: number, issue: z.core.$ZodIssue): RowIssue {
  const [field, index] = issue.path;
  const column = columnOfField.get(String(field)) ?? String(field ?? 'row');
  const entry = typeof index === 'number' ? `entry ${index + 1}: ` : '';
  return { line, field: column, message: `${entry}${issue.message}` };
}
