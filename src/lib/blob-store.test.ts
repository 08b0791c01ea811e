import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeFileName, sniffMediaType } from './blob-store.js';

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((part) => Buffer.from(typeof part === 'string' ? part : part)));

const zip = bytes([0x50, 0x4b, 0x03, 0x04], 'rest of a zip container');

describe('sniffMediaType', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n%\xe2\xe3\n'), 'contract.pdf', 'application/pdf'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'x.png', 'image/png'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'scan.jpg', 'image/jpeg'],
    [
      'a DOCX',
      zip,
      'DPA.DOCX',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'an XLSX',
      zip,
      'sla.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    ['UTF-8 text', bytes('Vertrag über Auftragsverarbeitung\n'), 'notes.txt', 'text/plain'],
  ])('recognises %s by its bytes', (_name, content, fileName, expected) => {
    expect(sniffMediaType(content, fileName)).toBe(expected);
  });

  it.each([
    ['an ELF program named .pdf', bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'contract.pdf'],
    ['a Windows program named .pdf', bytes('MZ\x90\x00\x03\x00\x00\x00'), 'contract.pdf'],
    ['a ZIP that is not named as an Office file', zip, 'archive.zip'],
    ['a ZIP named .pdf', zip, 'contract.pdf'],
    ['text with a NUL byte', bytes('hello\u0000world'), 'notes.txt'],
    ['an ELF header without NUL bytes', bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), 'a.pdf'],
    ['invalid UTF-8', bytes([0x68, 0x69, 0xc3, 0x28]), 'notes.txt'],
  ])('refuses %s with 415', (_name, content, fileName) => {
    expect(() => sniffMediaType(content, fileName)).toThrow(
      expect.objectContaining({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }),
    );
  });

  it('either names an accepted type or refuses with 415, for any bytes', () => {
    const accepted = new Set([
      'application/pdf',
      'image/png',
      'image/jpeg',
      'text/plain',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.string(), (content, name) => {
        try {
          expect(accepted.has(sniffMediaType(content, name))).toBe(true);
        } catch (error) {
          expect(error).toMatchObject({ status: 415 });
        }
      }),
    );
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\ada\\DPA signed.pdf', 'DPA signed.pdf'],
    ['evil\r\nSet-Cookie: x.pdf', 'evilSet-Cookie: x.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['say "hi".txt', 'say hi.txt'],
    ['', 'document'],
    ['..', 'document'],
    ['  spaced.pdf  ', 'spaced.pdf'],
  ])('%j becomes %j', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it('caps the length at 200 characters and keeps the extension', () => {
    const name = sanitizeFileName(`${'ä'.repeat(300)}.pdf`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('ä.pdf')).toBe(true);
  });

  // Biased towards the characters that matter, which plain random strings rarely contain.
  const nameCharacter = fc.oneof(
    fc.constantFrom('/', '\\', '"', '.', ' ', '\u0000', '\r', '\n', '\u0085', '\u202e', '\ud800'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  );

  it('never returns a path, a control character or more than 200 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: nameCharacter, maxLength: 400 }), (raw) => {
        const name = sanitizeFileName(raw);
        // eslint-disable-next-line no-control-regex
        expect(name).not.toMatch(/[/\\"\u0000-\u001f\u007f]/);
        expect([...name].length).toBeGreaterThan(0);
        expect([...name].length).toBeLessThanOrEqual(200);
        expect(() => encodeURIComponent(name)).not.toThrow();
      }),
    );
  });
});
