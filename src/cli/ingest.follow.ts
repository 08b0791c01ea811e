import { type FileHandle, open, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ReadLinesOptions {
  /** Keep reading as the file grows, like `tail -F` from its first line. */
  follow: boolean;
  /** Stops following (or reading) at the next chunk or poll. */
  signal?: AbortSignal;
  /** How often to look for appended data, rotation or truncation while following. */
  pollMs?: number;
}

const CHUNK_BYTES = 64 * 1024;
/** A file without newlines must not grow one string without bound: it is cut into lines. */
const MAX_LINE_CHARS = 16 * 1024 * 1024;

type Change = 'none' | 'truncated' | 'replaced';

const withoutCarriageReturn = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);

/** What happened to the file behind `handle` since we read up to `position`. */
async function changeOf(handle: FileHandle, path: string, position: number): Promise<Change> {
  const own = await handle.stat();
  if (own.size < position) return 'truncated';
  try {
    const named = await stat(path);
    return named.ino !== own.ino || named.dev !== own.dev ? 'replaced' : 'none';
  } catch {
    // Rotated away and not recreated yet: the old file may still be written to.
    return 'none';
  }
}

/**
 * Yields the lines of a file without their newline (LF or CRLF). Bytes that are not UTF-8 become
 * U+FFFD instead of failing the read. Without `follow`, a last line without a newline is yielded
 * at the end. With `follow`, it reads on as data is appended; when the file is truncated it
 * starts again from the top, and when the name points to a new file (rotation by rename, or a
 * replaced file) it first reads what is left of the old one, then opens the new one. A
 * half-written line is not yielded when following stops: the writer has not finished it.
 * Limitation shared with tail: a truncation followed by regrowth past our position between two
 * polls goes unnoticed.
 */
export async function* readLines(
  path: string,
  options: ReadLinesOptions,
): AsyncGenerator<string, void, undefined> {
  const { follow, signal } = options;
  const pollMs = options.pollMs ?? 250;

  const pause = async () => {
    try {
      await sleep(pollMs, undefined, { signal });
      return true;
    } catch {
      return false;
    }
  };

  const openFile = async (): Promise<FileHandle | undefined> => {
    for (;;) {
      try {
        return await open(path, 'r');
      } catch (error) {
        if (!follow || (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      if (!(await pause())) return undefined;
    }
  };

  let handle = await openFile();
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let decoder = new TextDecoder('utf-8');
  let pending = '';
  let position = 0;
  let switchWhenDrained = false;

  /** The end of some content: its unfinished last line is all it will ever have. */
  function* flush() {
    pending += decoder.decode();
    if (pending !== '') yield withoutCarriageReturn(pending);
    pending = '';
    decoder = new TextDecoder('utf-8');
  }

  try {
    while (handle && !signal?.aborted) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
      if (bytesRead > 0) {
        position += bytesRead;
        // Only the new text can hold a newline: rescanning a long pending line would be quadratic.
        let newline = pending.length;
        pending += decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
        let start = 0;
        while ((newline = pending.indexOf('\n', newline)) !== -1) {
          if (signal?.aborted) return;
          yield withoutCarriageReturn(pending.slice(start, newline));
          start = newline += 1;
        }
        pending = pending.slice(start);
        if (pending.length > MAX_LINE_CHARS) {
          yield pending;
          pending = '';
        }
        continue;
      }

      if (!follow) return yield* flush();
      if (switchWhenDrained) {
        yield* flush();
        switchWhenDrained = false;
        await handle.close();
        handle = undefined;
        handle = await openFile();
        position = 0;
        continue;
      }
      const change = await changeOf(handle, path, position);
      // Read what the writer added to the old file before it moved on, then switch.
      if (change === 'replaced') switchWhenDrained = true;
      else if (change === 'truncated') {
        yield* flush();
        position = 0;
      } else if (!(await pause())) return;
    }
  } finally {
    await handle?.close();
  }
}
