import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowsRejected, type RowIssue } from '../../lib/errors.js';
import { IMPORT_COLUMNS, MAX_REPORTED_ROWS, parseVendorCsv } from './vendors.import.js';

/** The rejection a file earns, or a failure if it was accepted. */
function rejection(csv: string): RowsRejected {
  try {
    parseVendorCsv(csv);
  } catch (error) {
    if (error instanceof RowsRejected) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

const rowsOf = (csv: string): RowIssue[] => rejection(csv).rows;

describe('vendor CSV import', () => {
  it('reads every column, case-insensitive headers and list cells', () => {
    const rows = parseVendorCsv(
      [
        'Legal_Name,TRADING_NAME,website,domains,country,services,business_owner,security_contact,status,tags',
        'Authenticator Inc.,,https://auth.example,auth.example; login.auth.example,us,Customer login,Ann Owner,SECURITY@auth.example,Active,identity;PCI Scope',
        'Vendor X Analytics GmbH,Vendor X,,,de,,,,,',
      ].join('\n'),
    );
    expect(rows).toEqual([
      {
        line: 2,
        profile: {
          legalName: 'Authenticator Inc.',
          tradingName: null,
          website: 'https://auth.example',
          domains: ['auth.example', 'login.auth.example'],
          country: 'US',
          services: 'Customer login',
          businessOwner: 'Ann Owner',
          securityContact: 'security@auth.example',
          notes: '',
          tags: ['identity', 'PCI Scope'],
        },
        fields: [
          'legalName',
          'tradingName',
          'website',
          'domains',
          'country',
          'services',
          'businessOwner',
          'securityContact',
          'tags',
        ],
        status: 'active',
      },
      expect.objectContaining({
        line: 3,
        profile: expect.objectContaining({ tradingName: 'Vendor X', domains: [], tags: [] }),
        status: null,
      }),
    ]);
  });

  it('keeps only the columns the file has, so updates leave the others alone', () => {
    const [row] = parseVendorCsv('legal_name,country\nCloudHost Ltd,IE\n');
    expect(row!.fields).toEqual(['legalName', 'country']);
  });

  it('counts lines from the header, through BOMs, CRLF, blank lines and multi-line cells', () => {
    const rows = parseVendorCsv(
      '\uFEFFlegal_name,services\r\nA Ltd,one\r\n\r\n"B Ltd","two\r\nlines"\r\nC Ltd,three\r\n',
    );
    expect(rows.map((row) => [row.line, row.profile.legalName])).toEqual([
      [2, 'A Ltd'],
      [4, 'B Ltd'],
      [6, 'C Ltd'],
    ]);
  });

  it('reports every bad row with its line, column and reason', () => {
    const csv = [
      'legal_name,website,domains,status,security_contact',
      ',https://ok.example,,,',
      'Bad Web Ltd,ftp://files.example,,,',
      'Bad Domains Ltd,,good.example;not a domain,,',
      'Bad Status Ltd,,,archived,',
      'Good Ltd,,,,',
      'Bad Email Ltd,,,,nobody',
    ].join('\n');
    expect(rowsOf(csv)).toEqual([
      { line: 2, field: 'legal_name', message: 'is required' },
      { line: 3, field: 'website', message: 'must be an http(s) URL' },
      {
        line: 4,
        field: 'domains',
        message: 'entry 2: must be a domain name such as vendor.example',
      },
      {
        line: 5,
        field: 'status',
        message: expect.stringMatching(/^must be one of prospect, assessing, .*offboarded$/),
      },
      { line: 7, field: 'security_contact', message: 'must be an email address' },
    ]);
    expect(rejection(csv).message).toBe('The file has 5 problems; nothing was imported');
  });

  it('refuses a legal name twice in one file, however it is spelt', () => {
    expect(rowsOf('legal_name\nAcme Ltd\nOther\nACME   ltd\n')).toEqual([
      { line: 4, field: 'legal_name', message: 'repeats line 2' },
    ]);
  });

  it('names unknown, repeated and missing columns on line 1', () => {
    expect(rowsOf('legal_name,colour,Legal_Name\nA,b,c\n')).toEqual([
      { line: 1, field: 'colour', message: expect.stringContaining('is not a known column') },
      { line: 1, field: 'legal_name', message: 'appears more than once' },
    ]);
    expect(rowsOf('website\nhttps://a.example\n')).toEqual([
      { line: 1, field: 'legal_name', message: 'the legal_name column is required' },
    ]);
    expect(rowsOf('legal_name;website\nA;https://a.example\n')).toEqual([
      { line: 1, field: 'header', message: 'columns must be separated by commas, not semicolons' },
    ]);
  });

  it('refuses an empty file', () => {
    expect(rowsOf('')).toEqual([{ line: 1, field: 'header', message: expect.any(String) }]);
  });

  it('reports short rows and still checks the rows after them', () => {
    expect(rowsOf('legal_name,country\nA Ltd\nB Ltd,ZZZ\n')).toEqual([
      { line: 2, field: 'row', message: 'has a different number of fields than the header' },
      { line: 3, field: 'country', message: 'must be a two-letter ISO 3166-1 country code' },
    ]);
  });

  it('stops reading at a quoting error, where field boundaries become guesswork', () => {
    expect(rowsOf('legal_name,country\nA Ltd,ZZZ\nB Ltd,"D"E\nC Ltd,ZZZ\n')).toEqual([
      { line: 2, field: 'country', message: 'must be a two-letter ISO 3166-1 country code' },
      {
        line: 3,
        field: 'row',
        message:
          'text follows a closing quote; double any " inside a quoted field; later lines were not read',
      },
    ]);
    expect(rowsOf('legal_name\nA Ltd\n"B Ltd\nC Ltd\n')).toEqual([
      {
        line: 3,
        field: 'row',
        message: 'a quoted field is never closed (a " is missing); later lines were not read',
      },
    ]);
  });

  it('lists at most 1,000 bad rows but counts them all', () => {
    const csv = ['legal_name,country', ...Array.from({ length: 1500 }, (_, i) => `V${i},X`)];
    const rejected = rejection(csv.join('\n'));
    expect(rejected.rows).toHaveLength(MAX_REPORTED_ROWS);
    expect(rejected.total).toBe(1500);
    expect(rejected.rows[0]).toMatchObject({ line: 2, field: 'country' });
  });

  describe('never fails on arbitrary input with anything but a row report', () => {
    const outcome = (csv: string) => {
      try {
        const rows = parseVendorCsv(csv);
        for (const row of rows) expect(row.line).toBeGreaterThanOrEqual(2);
      } catch (error) {
        expect(error).toBeInstanceOf(RowsRejected);
        const rejected = error as RowsRejected;
        expect(rejected.rows.length).toBeGreaterThan(0);
        for (const row of rejected.rows) expect(row.line).toBeGreaterThanOrEqual(1);
      }
    };

    it('on any text', () => {
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), outcome), {
        numRuns: 500,
      });
    });

    it('on CSV-shaped text under a valid header', () => {
      const cell = fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom('"', '""', '"a,b"', '\n', '\r\n', ';', 'x.example;y', 'https://a.example'),
      );
      const header = fc.shuffledSubarray([...IMPORT_COLUMNS], { minLength: 1 });
      const file = header.chain((columns) =>
        fc
          .array(fc.array(cell, { minLength: columns.length, maxLength: columns.length }), {
            maxLength: 8,
          })
          .map((rows) => [columns, ...rows].map((row) => row.join(',')).join('\n')),
      );
      fc.assert(fc.property(file, outcome), { numRuns: 500 });
    });
  });
});
