import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './sqlite-statement-cache.js';

describe('SQLite statement cache', () => {
  it('reuses a statement for the same SQL and evicts the least recently used', () => {
    const raw = new SqliteDatabase(':memory:');
    const db = withStatementCache(raw, 2);
    const a = db.prepare('select 1');
    expect(db.prepare('select 1')).toBe(a);
    db.prepare('select 2');
    db.prepare('select 1');
    db.prepare('select 3'); // evicts 'select 2', the least recently used
    expect(db.prepare('select 1')).toBe(a);
    const two = db.prepare('select 2');
    expect(db.prepare('select 2')).toBe(two);
    db.close();
  });

  it('gives a fresh statement while the cached one is still iterating', () => {
    const db = withStatementCache(new SqliteDatabase(':memory:'));
    const sql = 'select value from json_each(?)';
    const first = db.prepare(sql);
    const iterator = first.iterate(['[1,2,3]']);
    iterator.next();
    const second = db.prepare(sql);
    expect(second).not.toBe(first);
    expect(second.all(['[4]'])).toEqual([{ value: 4 }]);
    expect([...iterator].map((row) => (row as { value: number }).value)).toEqual([2, 3]);
    db.close();
  });
});
