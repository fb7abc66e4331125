// SQLite writers for mirrored rows: the bulk inserter of the initial load and the upsert /
// delete statements of the incremental pass. All statements are prepared once per run.
import type { Statement } from 'better-sqlite3';
import type { CacheDb } from '../cache/database';
import type { CopyValue } from './copy-parser';
import { faultPoint } from './fault';
import type { MirrorTable } from './tables';

/**
 * Rows per INSERT statement of the bulk load. One statement with 64 VALUES tuples binds the same
 * values as 64 single-row statements but crosses the JS/native boundary and steps the VM once:
 * measured on this project's machines, about 1.7x the rows/s of a single-row prepared insert.
 */
export const ROWS_PER_STATEMENT = 64;

export class BulkInserter {
  private readonly multi: Statement;
  private readonly single: Statement;
  private readonly width: number;
  private readonly buffer: CopyValue[];
  private filled = 0;
  /** Rows written (including those still buffered). */
  rows = 0;

  constructor(db: CacheDb, table: MirrorTable, rowsPerStatement = ROWS_PER_STATEMENT) {
    const cols = table.columns.map((c) => c.local);
    this.width = cols.length;
    const tuple = `(${cols.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table.name} (${cols.join(', ')}) VALUES `;
    this.multi = db.prepare(head + new Array(rowsPerStatement).fill(tuple).join(', '));
    this.single = db.prepare(head + tuple);
    this.buffer = new Array<CopyValue>(rowsPerStatement * this.width);
  }

  add(row: readonly CopyValue[]): void {
    const buffer = this.buffer;
    let at = this.filled;
    for (let c = 0; c < this.width; c++) buffer[at++] = row[c]!;
    this.filled = at;
    this.rows++;
    if (at === buffer.length) {
      this.multi.run(buffer);
      this.filled = 0;
      faultPoint();
    }
  }

  /** Writes the rows still buffered (call before committing). */
  flush(): void {
    for (let at = 0; at < this.filled; at += this.width) {
      this.single.run(this.buffer.slice(at, at + this.width));
      faultPoint();
    }
    this.filled = 0;
  }
}

export interface RowCounts {
  inserted: number;
  updated: number;
  deleted: number;
}

/**
 * Writes a row's current central values: INSERT when the id is new, otherwise an UPDATE of the
 * columns whose value differs (an identical row is left alone and not counted). Setting only the
 * changed columns matters: SQLite rewrites the index entries and fires the `UPDATE OF` aggregate
 * triggers of every column named in SET, changed or not (measured: half the cost of a full-row
 * UPDATE for a quantity change). One prepared UPDATE per combination of changed columns.
 * Never INSERT OR REPLACE: its implicit delete would cascade to the lines of a sale and bypass
 * the aggregate triggers (src-main/core/analytics/aggregates.ts).
 */
export class RowUpserter {
  private readonly insert: Statement;
  private readonly select: Statement;
  private readonly updates = new Map<number, Statement>();
  private readonly cols: string[];

  /**
   * `beforeInsert`: called with a row the cache does not hold, just before its INSERT (the
   * aggregates' ReceiptInserts for ventes and lignes_ventes).
   */
  constructor(
    private readonly db: CacheDb,
    private readonly table: MirrorTable,
    private readonly counts: RowCounts,
    private readonly beforeInsert?: (row: readonly CopyValue[]) => void,
  ) {
    this.cols = table.columns.map((c) => c.local);
    const cols = this.cols;
    this.insert = db.prepare(
      `INSERT INTO ${table.name} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
    );
    this.select = db.prepare(`SELECT ${cols.join(', ')} FROM ${table.name} WHERE id = ?`).raw();
  }

  private updateFor(mask: number): Statement {
    let stmt = this.updates.get(mask);
    if (!stmt) {
      const set = this.cols.filter((_c, i) => mask & (1 << i)).map((c) => `${c} = ?`);
      stmt = this.db.prepare(`UPDATE ${this.table.name} SET ${set.join(', ')} WHERE id = ?`);
      this.updates.set(mask, stmt);
    }
    return stmt;
  }

  upsert(row: readonly CopyValue[]): void {
    const local = this.select.get(row[0]) as CopyValue[] | undefined;
    if (!local) {
      this.beforeInsert?.(row);
      this.insert.run(row as CopyValue[]);
      this.counts.inserted++;
    } else {
      let mask = 0;
      const args: CopyValue[] = [];
      for (let c = 1; c < row.length; c++) {
        if (local[c] !== row[c]) {
          mask |= 1 << c;
          args.push(row[c]!);
        }
      }
      if (mask === 0) return;
      args.push(row[0]!);
      this.updateFor(mask).run(args);
      this.counts.updated++;
    }
    faultPoint();
  }

  get name(): string {
    return this.table.name;
  }
}

export class RowDeleter {
  private readonly stmt: Statement;

  constructor(
    db: CacheDb,
    table: MirrorTable,
    private readonly counts: RowCounts,
  ) {
    this.stmt = db.prepare(`DELETE FROM ${table.name} WHERE id = ?`);
  }

  delete(id: number): void {
    this.counts.deleted += this.stmt.run(id).changes;
    faultPoint();
  }
}
