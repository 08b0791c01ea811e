/**
 * CSV output for exports that spreadsheets will open. Values are quoted per RFC 4180, and a
 * value that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed with
 * an apostrophe: customer names come from outside and must not become CSV injection.
 */
export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
