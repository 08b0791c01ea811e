import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { boundedLines, MAX_LINE_BYTES, readCustomerRecords } from './datamap.customers.read.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('boundedLines', () => {
  it('splits any text the same way however it is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('a', 'é', '\n', '\r', 'x') }),
        fc.integer({ min: 1, max: 7 }),
        async (text, size) => {
          const chunks: string[] = [];
          for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
          const expected = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
          if (expected.at(-1) === '') expected.pop();
          expect(await collect(boundedLines(Readable.from(chunks)))).toEqual(expected);
        },
      ),
    );
  });

  it('reports an over-long line without holding it', async () => {
    const huge = 'x'.repeat(MAX_LINE_BYTES + 1);
    const lines = await collect(
      boundedLines(Readable.from(['ok\n', huge.slice(0, 9), huge, '\nnext'])),
    );
    expect(lines).toEqual(['ok', null, 'next']);
  });
});

describe('readCustomerRecords', () => {
  it('refuses invalid UTF-8 instead of replacing characters', async () => {
    const latin1 = Buffer.from('external_id,name\nC1,M\xfcller\n', 'latin1');
    await expect(collect(readCustomerRecords(Readable.from([latin1]), 'csv'))).rejects.toThrow(
      /UTF-8/,
    );
  });

  it('never quotes cell values in its messages', async () => {
    const noHeader = 'C-1001,alice@example.com,Alice Smith\n';
    const issues = await collect(readCustomerRecords(Readable.from([noHeader]), 'csv'));
    expect(JSON.stringify(issues)).not.toMatch(/alice|Alice/);
    const ndjson = '{"externalId":"C1","alice@example.com":1}\n';
    const more = await collect(readCustomerRecords(Readable.from([ndjson]), 'ndjson'));
    expect(JSON.stringify(more)).not.toContain('alice');
  });

  it('reports a broken quote without echoing the field', async () => {
    const broken = 'external_id,name\nC1,Carol "x\n';
    const issues = await collect(readCustomerRecords(Readable.from([broken]), 'csv'));
    expect(issues).toEqual([expect.objectContaining({ field: '(file)' })]);
    expect(JSON.stringify(issues)).not.toContain('Carol');
  });
});
