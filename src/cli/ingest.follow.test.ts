import { appendFile, mkdtemp, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLines } from './ingest.follow.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cordon-follow-'));
  file = join(dir, 'auth.log');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(path: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readLines(path, { follow: false })) lines.push(line);
  return lines;
}

/** Follows `path` and hands out its lines one at a time, failing if one takes too long. */
function follow(path: string) {
  const controller = new AbortController();
  const lines = readLines(path, { follow: true, signal: controller.signal, pollMs: 10 });
  return {
    async next(): Promise<string> {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('no line within 3 s')), 3000),
      );
      const result = await Promise.race([lines.next(), timeout]);
      if (result.done) throw new Error('the file stopped being followed');
      return result.value;
    },
    async take(count: number): Promise<string[]> {
      const taken: string[] = [];
      for (let index = 0; index < count; index++) taken.push(await this.next());
      return taken;
    },
    async stop() {
      controller.abort();
      return lines.next();
    },
  };
}

describe('readLines without follow', () => {
  it('splits LF and CRLF lines and yields a last line without a newline', async () => {
    await writeFile(file, 'one\ntwo\r\n\nthree');
    expect(await collect(file)).toEqual(['one', 'two', '', 'three']);
    await writeFile(file, 'one\n');
    expect(await collect(file)).toEqual(['one']);
    await writeFile(file, '');
    expect(await collect(file)).toEqual([]);
  });

  it('replaces invalid UTF-8 and keeps NUL bytes and characters split across chunks', async () => {
    const euro = Buffer.from('€');
    // 5 bytes, then padding up to the last byte of the first 64 KiB chunk, where the € starts.
    const padding = Buffer.alloc(64 * 1024 - 6, 'a');
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x0a]),
        padding,
        euro,
        Buffer.from('\n'),
      ]),
    );
    expect(await collect(file)).toEqual(['\ufffd\ufffdA\u0000', `${padding.toString()}€`]);
  });

  it('reads a large file line by line', async () => {
    const lines = Array.from(
      { length: 50_000 },
      (_, index) => `line ${index} ${'x'.repeat(index % 97)}`,
    );
    await writeFile(file, `${lines.join('\n')}\n`);
    expect(await collect(file)).toEqual(lines);
  });

  it('throws when the file does not exist', async () => {
    await expect(collect(join(dir, 'missing.log'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('readLines with follow', () => {
  it('reads appended data and waits for a line to be finished', async () => {
    await writeFile(file, 'one\n');
    const tail = follow(file);
    expect(await tail.next()).toBe('one');
    await appendFile(file, 'two\nthr');
    expect(await tail.next()).toBe('two');
    await appendFile(file, 'ee\r\n');
    expect(await tail.next()).toBe('three');
    expect(await tail.stop()).toEqual({ done: true, value: undefined });
  });

  it('starts again from the top when the file is truncated', async () => {
    await writeFile(file, 'a long first line\nsecond line\n');
    const tail = follow(file);
    expect(await tail.take(2)).toEqual(['a long first line', 'second line']);
    await truncate(file, 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await appendFile(file, 'after truncation\n');
    expect(await tail.next()).toBe('after truncation');
    await tail.stop();
  });

  it('finishes the old file, then follows the new one after a rename rotation', async () => {
    await writeFile(file, 'old 1\n');
    const tail = follow(file);
    expect(await tail.next()).toBe('old 1');
    await rename(file, `${file}.1`);
    // The writer still holds the old file for a moment, as with logrotate without copytruncate.
    await appendFile(`${file}.1`, 'old 2\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writeFile(file, 'new 1\n');
    expect(await tail.take(2)).toEqual(['old 2', 'new 1']);
    await appendFile(file, 'new 2\n');
    expect(await tail.next()).toBe('new 2');
    await tail.stop();
  });

  it('waits for a file that does not exist yet and stops when aborted', async () => {
    const tail = follow(file);
    const first = tail.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writeFile(file, 'hello\n');
    expect(await first).toBe('hello');
    await appendFile(file, 'half a li');
    expect(await tail.stop()).toEqual({ done: true, value: undefined });
  });
});
