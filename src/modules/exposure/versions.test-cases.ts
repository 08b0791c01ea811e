import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared version-ordering cases: `A < B`, `A = B` or `A > B`, one a line. */
export interface OrderingCase {
  line: number;
  left: string;
  right: string;
  expected: -1 | 0 | 1;
}

const DATA = fileURLToPath(new URL('../../../../shared/data/versions/', import.meta.url));

export function orderingCases(file: string): OrderingCase[] {
  const text = readFileSync(path.join(DATA, file), 'utf8');
  const cases: OrderingCase[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('//')) return;
    const match = /^(\S+) ([<=>]) (\S+)$/.exec(line);
    if (!match) throw new Error(`${file}:${index + 1}: not "A op B": ${line}`);
    const expected = match[2] === '<' ? -1 : match[2] === '=' ? 0 : 1;
    cases.push({ line: index + 1, left: match[1]!, right: match[3]!, expected });
  });
  return cases;
}
