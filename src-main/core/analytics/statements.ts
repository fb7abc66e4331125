// Prepared statements cached per database handle (never a global handle: the cache is keyed by
// the handle passed in, and dropped with it). Dashboard queries are the same few SQL texts with
// different parameters, so preparing once matters at millisecond scale.
import type Database from 'better-sqlite3';
import type { CacheDb } from '../cache/database';

const statements = new WeakMap<CacheDb, Map<string, Database.Statement>>();

export function cached(db: CacheDb, sql: string): Database.Statement {
  let byText = statements.get(db);
  if (!byText) {
    byText = new Map();
    statements.set(db, byText);
  }
  let stmt = byText.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    byText.set(sql, stmt);
  }
  return stmt;
}
