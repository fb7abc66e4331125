// Maintenance of the pre-aggregated tables (migrations/local/010_aggregates.sql).
//
// Contract with the sync (the only writer of the cache):
//  - initial load: dropAggregateTriggers(db) before the bulk inserts, rebuildAggregates(db) after
//    them, inside the same transaction (it builds everything from the detail and (re)creates the
//    tracking triggers and its indexes);
//  - incremental sync: ensureAggregateTriggers(db), then apply the changes with plain INSERT /
//    UPDATE / DELETE, as the sync's RowUpserter does (never INSERT OR REPLACE, whose implicit
//    delete fires no trigger; nor INSERT … ON CONFLICT, whose BEFORE INSERT triggers fire even
//    when it updates: a store's would snapshot all its receipts), telling a ReceiptInserts
//    before each INSERT into ventes or lignes_ventes (those two have no INSERT trigger, see
//    there), then call refreshDirtyAggregates(db) just before the commit.
//
// Change tracking, two ways:
//  - Receipts (the bulk of any sync): BEFORE triggers on ventes, lignes_ventes and magasins (and,
//    for inserts into the first two, the writer through ReceiptInserts) keep, the first time a
//    receipt is touched after a refresh, what it contributed then (per product,
//    with its store, day and hour: agg_snap_vente / agg_snap_produit, migration 040). The refresh
//    subtracts those contributions from every grain and adds what the receipts' lines contribute
//    now: its cost follows the number of changed receipts, whatever the size of the cache and
//    however the changes are spread over the history.
//  - Line corrections (quantity or price changed, same receipt and product), the most common
//    change to past sales: no snapshot, an AFTER trigger logs the change of the line's figures
//    (agg_log_ligne, migration 050), which moves no ticket count (see CONTRIBUTIONS).
//  - Products whose category or cost changed, inserted or deleted products, and products of a
//    category whose VAT rate changed (triggers on produits and categories, agg_dirty_produit):
//    every figure of their lines changes, so their cells are recomputed from the detail: the
//    (store, day) cells of their lines, now and in the snapshots (agg_dirty_jour, filled by the
//    refresh), and their product rows. Receipt deltas skip those cells and products.
// The monthly rows are adjusted by deltas of the daily ones; a row left with no ticket (no
// category row, for the VAT grain) is deleted, as a rebuild would not create it.
// Region, targets and opening dates are read at query time from the current stores (restated
// view, DOMAIN.md §4); the store triggers exist because the grains count the cache's stores only.
import type { Statement } from 'better-sqlite3';
import type { CacheDb } from '../cache/database';

const AGG_TABLES = [
  'agg_magasin_jour',
  'agg_magasin_mois',
  'agg_tva_jour',
  'agg_tva_mois',
  'agg_categorie_jour',
  'agg_categorie_mois',
  'agg_produit_jour',
  'agg_produit_mois',
  'agg_heure_jour',
] as const;

/** Indexes the maintenance and drill-down need; created only if no index already leads with them. */
const NEEDED_INDEXES: { name: string; table: string; columns: string[] }[] = [
  { name: 'analytics_ventes_magasin_jour_idx', table: 'ventes', columns: ['magasin_id', 'jour'] },
  { name: 'analytics_lignes_vente_idx', table: 'lignes_ventes', columns: ['vente_id'] },
  { name: 'analytics_lignes_produit_idx', table: 'lignes_ventes', columns: ['produit_id'] },
];

// Marks are DO NOTHING upserts rather than INSERT OR IGNORE: inside a trigger an OR clause is
// overridden by the conflict clause of the statement that fired it (an outer OR ABORT would then
// fail on an already-marked row), an upsert is not. Nor INSERT … SELECT … WHERE NOT EXISTS on the
// target: SQLite runs an INSERT whose SELECT reads its own target through a temporary copy.
// (WHERE true: an upsert's SELECT needs a WHERE clause, see CONTRIBUTIONS.)
function markProducts(select: string): string {
  return `INSERT INTO agg_dirty_produit (produit_id)
    SELECT c.id FROM (${select}) c WHERE true ON CONFLICT DO NOTHING;`;
}

/** An upsert clause that adds the inserted row's `sums` to those of the row already there. */
const addOnConflict = (sums: string[]) =>
  `ON CONFLICT DO UPDATE SET ${sums.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

/**
 * Keeps the contribution of the receipts selected by `where` (on ventes v) the first time they are
 * touched after a refresh. Runs in BEFORE triggers, so it reads each receipt as the last refresh
 * counted it: the first change to a receipt since then comes before any other. Unknown products
 * are kept with a NULL cost (not counted, but their cells are known if the product turns up);
 * receipts of unknown stores are not kept (not counted).
 * Lines of the same product are summed by an upsert rather than a GROUP BY, whose sorter costs
 * more than the few lines of a receipt (2,000 line deletes at 10M lines: 88 → 73 ms).
 */
function snapshotReceipts(where: string, notSnapshotted = NOT_SNAPSHOTTED('v.id')): string {
  return `INSERT INTO agg_snap_produit
      (vente_id, produit_id, magasin_id, jour, heure, ca_ttc_cents, cout_cents, unites)
    SELECT v.id, l.produit_id, v.magasin_id, v.jour, v.heure, l.quantite * l.prix_unitaire_cents,
      l.quantite * p.prix_achat_cents, l.quantite
    FROM ventes v CROSS JOIN magasins m ON m.id = v.magasin_id
      CROSS JOIN lignes_ventes l ON l.vente_id = v.id LEFT JOIN produits p ON p.id = l.produit_id
    WHERE ${notSnapshotted} AND ${where}
    ${addOnConflict(['ca_ttc_cents', 'cout_cents', 'unites'])};`;
}
/**
 * Whether a receipt is not in agg_snap_vente yet. For one receipt id known before the query (a
 * trigger's NEW or OLD column), the test does not depend on the query's rows: SQLite evaluates
 * it once, before reading the receipt and its lines.
 */
const NOT_SNAPSHOTTED = (id: string) =>
  `NOT EXISTS (SELECT 1 FROM agg_snap_vente s WHERE s.vente_id = ${id})`;
/**
 * Marks one receipt as touched since the last refresh (once), by an upsert (see markProducts):
 * the INSERT … SELECT … WHERE NOT EXISTS it replaces made marking 3,600 new receipts cost 7-15 ms
 * instead of 2 ms (measured at 10M lines).
 */
const markReceipt = (id: string) =>
  `INSERT INTO agg_snap_vente (vente_id) VALUES (${id}) ON CONFLICT DO NOTHING`;
/** Snapshots one receipt by id and marks it (even one that does not exist yet: a new receipt). */
function snapshotReceipt(id: string): string {
  return `${snapshotReceipts(`v.id = ${id}`, NOT_SNAPSHOTTED(id))}
    ${markReceipt(id)};`;
}
/**
 * A trigger for one receipt: skipped as a whole (WHEN) once the receipt is snapshotted, as the
 * other lines of a receipt whose first line was deleted find it.
 */
const snapshotOnce = (event: string, id: string) =>
  `${event} WHEN ${NOT_SNAPSHOTTED(id)} BEGIN ${snapshotReceipt(id)} END`;
/** Snapshots and marks every receipt of a store (a store arriving or leaving the cache). */
function snapshotStore(id: string): string {
  return `${snapshotReceipts(`v.magasin_id = ${id}`)}
    INSERT INTO agg_snap_vente (vente_id) SELECT v.id FROM ventes v WHERE v.magasin_id = ${id}
      ON CONFLICT DO NOTHING;`;
}

/** VAT rate in basis points, exact for the central numeric(6,4) (hierarchy.ts does the same). */
const TVA_BP = (col: string) => `CAST(round(${col} * 10000) AS INTEGER)`;

const TRIGGERS: Record<string, string> = {
  agg_produits_au: `AFTER UPDATE OF categorie_id, prix_achat_cents ON produits
    WHEN OLD.categorie_id IS NOT NEW.categorie_id OR OLD.prix_achat_cents IS NOT NEW.prix_achat_cents BEGIN
    ${markProducts('SELECT NEW.id AS id')} END`,
  // A product (re)inserted or deleted while lines point to it (foreign keys off during a load,
  // or INSERT OR REPLACE) changes those lines' category or cost, or excludes them.
  agg_produits_ai: `AFTER INSERT ON produits BEGIN ${markProducts('SELECT NEW.id AS id')} END`,
  agg_produits_ad: `AFTER DELETE ON produits BEGIN ${markProducts('SELECT OLD.id AS id')} END`,
  agg_categories_au: `AFTER UPDATE OF taux_tva ON categories
    WHEN ${TVA_BP('OLD.taux_tva')} IS NOT ${TVA_BP('NEW.taux_tva')} BEGIN
    ${markProducts('SELECT id FROM produits WHERE categorie_id = NEW.id')} END`,
  // Receipt snapshots before the first change (see snapshotReceipts). heure too: agg_heure_jour
  // is keyed by the Paris hour, and the sync updates only the columns that changed (a time
  // corrected within the same day changes date_vente and heure only).
  agg_snap_ventes_bu: `BEFORE UPDATE OF id, magasin_id, jour, heure ON ventes
    WHEN OLD.id IS NOT NEW.id OR OLD.magasin_id IS NOT NEW.magasin_id OR OLD.jour IS NOT NEW.jour
      OR OLD.heure IS NOT NEW.heure
    BEGIN ${snapshotReceipt('OLD.id')} ${snapshotReceipt('NEW.id')} END`,
  agg_snap_ventes_bd: snapshotOnce('BEFORE DELETE ON ventes', 'OLD.id'),
  // No INSERT trigger on ventes or lignes_ventes: the writer tells ReceiptInserts instead.
  agg_snap_lignes_bu: `BEFORE UPDATE OF vente_id, produit_id ON lignes_ventes
    WHEN OLD.vente_id IS NOT NEW.vente_id OR OLD.produit_id IS NOT NEW.produit_id
    BEGIN ${snapshotReceipt('OLD.vente_id')} ${snapshotReceipt('NEW.vente_id')} END`,
  // A line corrected in place (same receipt, same product): its delta only (agg_log_ligne,
  // migration 050), unless its receipt is already snapshotted, whose current lines the refresh
  // reads anyway. A receipt snapshotted after such a change is snapshotted with it: the refresh
  // counts its logged deltas on the old side (see CONTRIBUTIONS).
  agg_log_lignes_au: `AFTER UPDATE OF quantite, prix_unitaire_cents ON lignes_ventes
    WHEN OLD.vente_id IS NEW.vente_id AND OLD.produit_id IS NEW.produit_id
      AND (OLD.quantite IS NOT NEW.quantite OR OLD.prix_unitaire_cents IS NOT NEW.prix_unitaire_cents)
    BEGIN INSERT INTO agg_log_ligne (vente_id, produit_id, ca_ttc_cents, unites)
      SELECT NEW.vente_id, NEW.produit_id,
        NEW.quantite * NEW.prix_unitaire_cents - OLD.quantite * OLD.prix_unitaire_cents,
        NEW.quantite - OLD.quantite
      WHERE ${NOT_SNAPSHOTTED('NEW.vente_id')}; END`,
  agg_snap_lignes_bd: snapshotOnce('BEFORE DELETE ON lignes_ventes', 'OLD.vente_id'),
  // The grains count the receipts of the cache's stores: one arriving or leaving (a change of
  // scope) changes which receipts count, whatever order the sync applies rows in.
  agg_snap_magasins_bi: `BEFORE INSERT ON magasins BEGIN ${snapshotStore('NEW.id')} END`,
  agg_snap_magasins_bu: `BEFORE UPDATE OF id ON magasins WHEN OLD.id IS NOT NEW.id
    BEGIN ${snapshotStore('OLD.id')} ${snapshotStore('NEW.id')} END`,
  agg_snap_magasins_bd: `BEFORE DELETE ON magasins BEGIN ${snapshotStore('OLD.id')} END`,
};

/**
 * What the INSERT triggers of ventes and lignes_ventes would do, done by the writer. A trigger
 * makes SQLite run every row statement of its table as a multi-write statement that may abort,
 * with a statement journal, even when the trigger's WHEN clause is false; with the cache's
 * foreign keys on, that alone cost about 2 µs per inserted row (measured at 10M lines: the
 * triggers added 40-50 ms to applying one business day of 18,000 rows, 9 ms when the writer
 * marks the receipts). Inserts are the bulk of every sync (new receipts and their lines), so the
 * writer reports them here, before each INSERT; updates and deletes keep their triggers.
 * Valid for one refresh window: create one per sync transaction (refreshDirtyAggregates empties
 * the marks this remembers).
 */
export class ReceiptInserts {
  /** Receipts marked since this tracker was created: their further lines need nothing. */
  private readonly marked = new Set<number>();
  private readonly markStmt: Statement;
  private readonly snapshotStmt: Statement;

  constructor(db: CacheDb) {
    this.markStmt = db.prepare(markReceipt('?'));
    this.snapshotStmt = db.prepare(snapshotReceipts('v.id = @id', NOT_SNAPSHOTTED('@id')));
  }

  /**
   * Before inserting receipt `id`, which the cache does not hold: what it contributed at the last
   * refresh is nothing, or (deleted since, then inserted again) was kept by the delete trigger.
   */
  receiptInserting(id: number): void {
    if (this.marked.has(id)) return;
    this.markStmt.run(id);
    this.marked.add(id);
  }

  /** Before inserting a line of receipt `venteId`: an existing receipt is snapshotted first. */
  lineInserting(venteId: number): void {
    if (this.marked.has(venteId)) return;
    this.snapshotStmt.run({ id: venteId });
    this.markStmt.run(venteId);
    this.marked.add(venteId);
  }
}

/**
 * Triggers of earlier versions: the INSERT snapshots ReceiptInserts replaces (left in place, a
 * receipt would be marked twice, harmlessly, but every insert would pay for them), and those that
 * marked every touched (store, day) cell for recomputation (left beside the snapshot triggers,
 * they would get cells both recomputed and adjusted).
 */
const OBSOLETE_TRIGGERS = [
  // Until 2026-12-04: the INSERT triggers that ReceiptInserts replaces.
  'agg_snap_ventes_bi',
  'agg_snap_lignes_bi',
  'agg_ventes_ai',
  'agg_ventes_au',
  'agg_ventes_ad',
  'agg_lignes_ai',
  'agg_lignes_au',
  'agg_lignes_ad',
];

/** Removes the tracking triggers (before a bulk initial load; the rebuild recreates them). */
export function dropAggregateTriggers(db: CacheDb): void {
  for (const name of [...Object.keys(TRIGGERS), ...OBSOLETE_TRIGGERS]) {
    db.exec(`DROP TRIGGER IF EXISTS ${name}`);
  }
}

const triggerSql = (name: string, body: string) => `CREATE TRIGGER ${name} ${body}`;

function createAggregateTriggers(db: CacheDb): void {
  for (const name of OBSOLETE_TRIGGERS) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
  for (const [name, body] of Object.entries(TRIGGERS)) {
    db.exec(`DROP TRIGGER IF EXISTS ${name}; ${triggerSql(name, body)};`);
  }
}

/**
 * Before an incremental sync applies changes: a cache whose aggregates were built by an older
 * version has that version's triggers (the rebuild creates them), so replace them. Its aggregates
 * are up to date (the last sync refreshed them, emptying its dirty list) and the snapshot tables
 * empty, so tracking from now on is exact. Returns whether anything was changed.
 */
export function ensureAggregateTriggers(db: CacheDb): boolean {
  if (!aggregatesBuilt(db)) return false;
  // By definition, not only by name: SQLite keeps each trigger's CREATE statement as written, so
  // a trigger whose body changed between versions is replaced too.
  const present = new Map(
    (
      db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as {
        name: string;
        sql: string;
      }[]
    ).map((t) => [t.name, t.sql]),
  );
  if (
    Object.entries(TRIGGERS).every(
      ([name, body]) => present.get(name) === triggerSql(name, body),
    ) &&
    !OBSOLETE_TRIGGERS.some((name) => present.has(name))
  ) {
    return false;
  }
  createAggregateTriggers(db);
  return true;
}

function ensureIndexes(db: CacheDb): void {
  for (const want of NEEDED_INDEXES) {
    const indexes = db.prepare(`SELECT name FROM pragma_index_list(?)`).all(want.table) as {
      name: string;
    }[];
    const covered = indexes.some(({ name }) => {
      const cols = (
        db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(name) as {
          name: string;
        }[]
      ).map((c) => c.name);
      return want.columns.every((c, i) => cols[i] === c);
    });
    if (!covered) {
      db.exec(`CREATE INDEX ${want.name} ON ${want.table} (${want.columns.join(', ')})`);
    }
  }
}

// The SELECTs computing each grain from the detail (receipts v, lines l, products p). Lines of an
// unknown product drop out with the inner join on produits. CROSS JOIN fixes the join order
// (SQLite keeps the left-to-right order): the cache has no ANALYZE statistics, and without them
// the planner may scan every line to refresh a few cells.
const LINE_SUMS = `SUM(l.quantite * l.prix_unitaire_cents), SUM(l.quantite * p.prix_achat_cents),
  SUM(l.quantite), COUNT(DISTINCT v.id)`;
const LINES =
  'CROSS JOIN lignes_ventes l ON l.vente_id = v.id CROSS JOIN produits p ON p.id = l.produit_id';
// The product grain sums the stores of the cache (so it equals Σ of the store grains): receipts
// of a store missing from magasins (possible only with foreign keys off) are left out.
const KNOWN_STORE = 'CROSS JOIN magasins m ON m.id = v.magasin_id';

/**
 * The lines (l) with their receipt (v) and product (p) to aggregate into the store grains: every
 * line for a rebuild (scanned in storage order, each receipt found by id: the cheapest full
 * pass), or the lines of the dirty cells' receipts for a refresh.
 */
const ALL_LINES =
  'lignes_ventes l CROSS JOIN ventes v ON v.id = l.vente_id CROSS JOIN produits p ON p.id = l.produit_id';
const DIRTY_LINES = `agg_dirty_jour d CROSS JOIN ventes v ON v.magasin_id = d.magasin_id AND v.jour = d.jour
  ${LINES}`;
/** Rows of a store × day table (alias a) in a list of cells (magasin_id, jour). */
const cellRows = (table: string, cells = 'agg_dirty_jour') =>
  `${cells} d CROSS JOIN ${table} a ON a.magasin_id = d.magasin_id AND a.jour = d.jour`;

/** VAT rows from the category rows (alias a) of the same cells. */
const VAT_DAY = (categoryRows: string) => `INSERT INTO agg_tva_jour
  SELECT a.magasin_id, a.jour, ${TVA_BP('c.taux_tva')} AS bp, SUM(a.ca_ttc_cents), COUNT(*)
  FROM ${categoryRows} CROSS JOIN categories c ON c.id = a.categorie_id
  GROUP BY a.magasin_id, a.jour, bp`;

// Full build only: each receipt's sums in one pass over the lines in receipt order (NOT INDEXED
// keeps the scan in rowid order, so the GROUP BY needs no sort), then the store × day and
// store × day × hour grains grouped from those receipts (tickets = receipts, no COUNT DISTINCT).
// Half the cost of grouping the lines twice; the refresh (a few cells) groups lines directly.
const RECEIPT_SUMS = `CREATE TEMP TABLE agg_recus_tmp AS
  SELECT v.magasin_id, v.jour, v.heure, SUM(l.quantite * l.prix_unitaire_cents) AS ca,
    SUM(l.quantite * p.prix_achat_cents) AS cout, SUM(l.quantite) AS unites
  FROM ventes v NOT INDEXED ${LINES} GROUP BY v.id`;

function storeDayInserts(lines: string, categoryRows: string, viaReceipts = false): string[] {
  const storeAndHour = viaReceipts
    ? [
        'DROP TABLE IF EXISTS temp.agg_recus_tmp',
        RECEIPT_SUMS,
        `INSERT INTO agg_magasin_jour SELECT magasin_id, jour, SUM(ca), SUM(cout), SUM(unites), COUNT(*)
           FROM temp.agg_recus_tmp GROUP BY magasin_id, jour`,
        `INSERT INTO agg_heure_jour SELECT magasin_id, jour, heure, SUM(ca), SUM(unites), COUNT(*)
           FROM temp.agg_recus_tmp GROUP BY magasin_id, jour, heure`,
        'DROP TABLE temp.agg_recus_tmp',
      ]
    : [
        `INSERT INTO agg_magasin_jour
           SELECT v.magasin_id, v.jour, ${LINE_SUMS}
           FROM ${lines} GROUP BY v.magasin_id, v.jour`,
        `INSERT INTO agg_heure_jour
           SELECT v.magasin_id, v.jour, v.heure, SUM(l.quantite * l.prix_unitaire_cents),
             SUM(l.quantite), COUNT(DISTINCT v.id)
           FROM ${lines} GROUP BY v.magasin_id, v.jour, v.heure`,
      ];
  return [
    `INSERT INTO agg_categorie_jour
       SELECT v.magasin_id, v.jour, p.categorie_id, ${LINE_SUMS}
       FROM ${lines} GROUP BY v.magasin_id, v.jour, p.categorie_id`,
    ...storeAndHour,
    // From the category rows just computed for the same cells.
    VAT_DAY(categoryRows),
  ];
}

/** Each monthly table, its daily source and the columns they share. */
const MONTHLY = [
  {
    day: 'agg_magasin_jour',
    month: 'agg_magasin_mois',
    keys: [] as string[],
    sums: ['ca_ttc_cents', 'cout_cents', 'unites', 'tickets'],
    count: 'tickets',
  },
  {
    day: 'agg_categorie_jour',
    month: 'agg_categorie_mois',
    keys: ['categorie_id'],
    sums: ['ca_ttc_cents', 'cout_cents', 'unites', 'tickets'],
    count: 'tickets',
  },
  {
    day: 'agg_tva_jour',
    month: 'agg_tva_mois',
    keys: ['taux_bp'],
    sums: ['ca_ttc_cents', 'cellules'],
    count: 'cellules',
  },
];

/**
 * The monthly rows of daily rows, times `sign` (a SELECT with named columns: the month table's
 * keys and sums). `rows` is a FROM clause yielding the daily rows as alias a; `lead` the leading
 * key columns (store or nothing).
 */
function monthRows(
  t: { keys: string[]; sums: string[] },
  lead: string[],
  rows: string,
  sign: 1 | -1,
): string {
  const select = [
    ...lead.map((k) => `a.${k}`),
    'substr(a.jour, 1, 7)',
    ...t.keys.map((k) => `a.${k}`),
  ];
  const named = [...lead, 'mois', ...t.keys].map((k, i) => `${select[i]} AS ${k}`);
  return `SELECT ${named.join(', ')}, ${t.sums.map((c) => `${sign} * SUM(a.${c}) AS ${c}`).join(', ')}
    FROM ${rows} GROUP BY ${select.join(', ')}`;
}

/** Adds (sign +1) or subtracts (−1) daily rows into their monthly rows (see monthRows). */
function addToMonths(
  db: CacheDb,
  t: { month: string; keys: string[]; sums: string[] },
  lead: string[],
  rows: string,
  sign: 1 | -1,
): void {
  db.exec(`CREATE TEMP TABLE agg_delta_mois AS ${monthRows(t, lead, rows, sign)}`);
  addRows(db, t.month, [...lead, 'mois', ...t.keys], t.sums, 'temp.agg_delta_mois');
  db.exec('DROP TABLE temp.agg_delta_mois');
}

/**
 * Adds the sums of a table of deltas (`from`: key and sum columns, one row per key) to the rows
 * of `table` with the same key, creating the missing ones. Two statements rather than an upsert
 * (INSERT … ON CONFLICT DO UPDATE), both OR FAIL, so that SQLite keeps no statement journal: an
 * upsert may abort half-way, so it copies every page it changes first (with scattered changes,
 * one page per row), which measured 4 to 5 times the cost of the update itself (5,800 rows of
 * agg_categorie_jour at 10M lines: 64-70 ms, 12-16 ms OR FAIL). FAIL leaves the rows changed before
 * an error in place; the refresh runs inside the sync's transaction, rolled back on any error.
 * The insert skips the keys just updated with DO NOTHING rather than WHERE NOT EXISTS on the
 * target, which would make SQLite copy the whole SELECT into a temporary table first (a SELECT
 * reading the table it inserts into); DO NOTHING adds no statement journal.
 */
function addRows(db: CacheDb, table: string, keys: string[], sums: string[], from: string): void {
  const same = keys.map((k) => `a.${k} = d.${k}`).join(' AND ');
  db.exec(`UPDATE OR FAIL ${table} AS a SET ${sums.map((c) => `${c} = a.${c} + d.${c}`).join(', ')}
    FROM ${from} AS d WHERE ${same}`);
  db.exec(`INSERT OR FAIL INTO ${table} (${keys.join(', ')}, ${sums.join(', ')})
    SELECT ${[...keys, ...sums].map((c) => `d.${c}`).join(', ')} FROM ${from} AS d
    WHERE true ON CONFLICT DO NOTHING`);
}

/**
 * Takes the aggregates out of service: not built (the engine rebuilds them before reading), no
 * tracking triggers, empty change lists. The rows are left: the rebuild replaces them.
 */
export function dropAggregates(db: CacheDb): void {
  dropAggregateTriggers(db);
  db.exec(`DELETE FROM agg_state WHERE key = 'built_at'; ${CLEAR_DIRTY}`);
}

/** Whether a full build has completed on this cache (the engine refuses to read before). */
export function aggregatesBuilt(db: CacheDb): boolean {
  const row = db.prepare(`SELECT value FROM agg_state WHERE key = 'built_at'`).get();
  return row !== undefined;
}

const PRODUCT_SUMS = 'SUM(a.ca_ttc_cents), SUM(a.cout_cents), SUM(a.unites), SUM(a.tickets)';
const PRODUCT_DAY = (from: string) => `INSERT INTO agg_produit_jour
  SELECT v.jour, l.produit_id, ${LINE_SUMS} FROM ${from} GROUP BY v.jour, l.produit_id`;

/**
 * Builds every aggregate from the detail, clears the dirty lists and (re)creates the triggers
 * and the indexes the maintenance needs. Runs in the caller's transaction if there is one
 * (a savepoint), else in its own.
 */
export function rebuildAggregates(db: CacheDb): { seconds: number } {
  const t0 = performance.now();
  db.transaction(() => {
    ensureIndexes(db);
    for (const t of AGG_TABLES) db.exec(`DELETE FROM ${t}`);
    for (const sql of storeDayInserts(ALL_LINES, 'agg_categorie_jour a', true)) db.exec(sql);
    for (const t of MONTHLY) {
      db.exec(`INSERT INTO ${t.month} (magasin_id, mois, ${[...t.keys, ...t.sums].join(', ')})
        ${monthRows(t, ['magasin_id'], `${t.day} a`, 1)}`);
    }
    db.exec(
      PRODUCT_DAY(`lignes_ventes l CROSS JOIN ventes v ON v.id = l.vente_id ${KNOWN_STORE}
        CROSS JOIN produits p ON p.id = l.produit_id`),
    );
    db.exec(`INSERT INTO agg_produit_mois SELECT substr(a.jour, 1, 7) AS m, a.produit_id,
      ${PRODUCT_SUMS} FROM agg_produit_jour a GROUP BY m, a.produit_id`);
    db.exec(CLEAR_DIRTY);
    createAggregateTriggers(db);
    db.prepare(`INSERT OR REPLACE INTO agg_state (key, value) VALUES ('built_at', ?)`).run(
      new Date().toISOString(),
    );
  })();
  return { seconds: (performance.now() - t0) / 1000 };
}

const DIRTY_PRODUCTS = 'SELECT produit_id FROM agg_dirty_produit';
const CLEAR_DIRTY = `DELETE FROM agg_dirty_jour; DELETE FROM agg_dirty_produit;
  DELETE FROM agg_snap_vente; DELETE FROM agg_snap_produit; DELETE FROM agg_log_ligne;`;

// Contributions of the touched receipts, signed, with t the receipt's ticket sign:
//  - t = +1: what a snapshotted receipt's lines contribute now, one row per (receipt, product);
//  - t = −1: what they contributed at the last refresh (agg_snap_produit), negated;
//  - t = 0: the logged in-place line changes (agg_log_ligne), which move no ticket. For a receipt
//    not snapshotted they are the whole change, on its current store, day and hour (unchanged:
//    any change to them snapshots it). For one snapshotted after them, the snapshot already holds
//    them, so the true old contribution is snapshot − log: adding the log back (on the snapshot's
//    store, day and hour) gives now − old. Either way: + log.
// The old side takes the product's category and cost now: for a product that is not dirty they
// are unchanged, and the rows of dirty products are left out of every delta (their cells are
// recomputed). Rows of unknown stores or products drop out (inner joins), as in a rebuild.
// One row per (receipt side, category, product), its PRIMARY KEY the order in which the receipt
// sides and the (receipt side, category) pairs are grouped below, so those groupings read it in
// order instead of sorting it; lines of the same receipt and product are summed as they are
// inserted (an upsert into this temporary table, in memory during a sync: temp_store), which
// also saves the sort of a GROUP BY.
// Measured at 10M lines, one business day (14,409 lines): building this table and grouping it
// by receipt side and by category took 15-25 ms less than a CREATE TABLE … AS … GROUP BY and
// sorting it twice (2026-12-04).
const CONTRIBUTION_COLUMNS =
  '(t, vente_id, categorie_id, produit_id, magasin_id, jour, heure, ca, cout, unites)';
const ADD_TO_CONTRIBUTION = addOnConflict(['ca', 'cout', 'unites']);
const CONTRIBUTIONS = [
  `CREATE TEMP TABLE agg_contrib (t INTEGER NOT NULL, vente_id INTEGER NOT NULL,
    categorie_id INTEGER NOT NULL, produit_id INTEGER NOT NULL, magasin_id INTEGER, jour TEXT,
    heure INTEGER, ca INTEGER, cout INTEGER, unites INTEGER,
    PRIMARY KEY (t, vente_id, categorie_id, produit_id)) WITHOUT ROWID`,
  // WHERE true: an upsert's SELECT needs a WHERE clause (the parser would read ON CONFLICT as a
  // join constraint).
  `INSERT INTO temp.agg_contrib ${CONTRIBUTION_COLUMNS}
  SELECT 1, v.id, p.categorie_id, l.produit_id, v.magasin_id, v.jour, v.heure,
    l.quantite * l.prix_unitaire_cents, l.quantite * p.prix_achat_cents, l.quantite
  FROM agg_snap_vente s CROSS JOIN ventes v ON v.id = s.vente_id ${KNOWN_STORE}
    CROSS JOIN lignes_ventes l ON l.vente_id = v.id CROSS JOIN produits p ON p.id = l.produit_id
  WHERE true ${ADD_TO_CONTRIBUTION}`,
  // One row per (receipt, product) already: no conflict.
  `INSERT INTO temp.agg_contrib ${CONTRIBUTION_COLUMNS}
  SELECT -1, o.vente_id, p.categorie_id, o.produit_id, o.magasin_id, o.jour, o.heure,
    -o.ca_ttc_cents, -o.cout_cents, -o.unites
  FROM agg_snap_produit o CROSS JOIN produits p ON p.id = o.produit_id
  WHERE o.cout_cents IS NOT NULL`,
  `INSERT INTO temp.agg_contrib ${CONTRIBUTION_COLUMNS}
  SELECT 0, g.vente_id, p.categorie_id, g.produit_id, v.magasin_id, v.jour, v.heure,
    g.ca_ttc_cents, g.unites * p.prix_achat_cents, g.unites
  FROM agg_log_ligne g CROSS JOIN ventes v ON v.id = g.vente_id ${KNOWN_STORE}
    CROSS JOIN produits p ON p.id = g.produit_id
  WHERE ${NOT_SNAPSHOTTED('g.vente_id')} ${ADD_TO_CONTRIBUTION}`,
  `INSERT INTO temp.agg_contrib ${CONTRIBUTION_COLUMNS}
  SELECT 0, g.vente_id, p.categorie_id, g.produit_id, o.magasin_id, o.jour, o.heure,
    g.ca_ttc_cents, g.unites * p.prix_achat_cents, g.unites
  FROM agg_log_ligne g CROSS JOIN agg_snap_produit o
      ON o.vente_id = g.vente_id AND o.produit_id = g.produit_id
    CROSS JOIN produits p ON p.id = g.produit_id
  WHERE o.cout_cents IS NOT NULL ${ADD_TO_CONTRIBUTION}`,
];

/** A daily grain maintained by deltas, and its monthly table. */
interface DeltaGrain {
  day: string;
  month?: string;
  /** Key columns before `jour` (the store, or none for the product grain). */
  lead: string[];
  /** Key columns after `jour`. */
  extra: string[];
  sums: string[];
  /** The column whose 0 means the row must go (a rebuild would not create it). */
  count: 'tickets' | 'cellules';
}
const ALL_SUMS = ['ca_ttc_cents', 'cout_cents', 'unites', 'tickets'];
const grain = (
  day: string,
  month: string | undefined,
  lead: string[],
  extra: string[],
  sums = ALL_SUMS,
  count: DeltaGrain['count'] = 'tickets',
): DeltaGrain => ({ day, ...(month ? { month } : {}), lead, extra, sums, count });
const PRODUCT_GRAIN = grain('agg_produit_jour', 'agg_produit_mois', [], ['produit_id']);
const STORE_GRAIN = grain('agg_magasin_jour', 'agg_magasin_mois', ['magasin_id'], []);
const CATEGORY_GRAIN = grain(
  'agg_categorie_jour',
  'agg_categorie_mois',
  ['magasin_id'],
  ['categorie_id'],
);
const HOUR_GRAIN = grain(
  'agg_heure_jour',
  undefined,
  ['magasin_id'],
  ['heure'],
  ['ca_ttc_cents', 'unites', 'tickets'],
);
const VAT_GRAIN = grain(
  'agg_tva_jour',
  'agg_tva_mois',
  ['magasin_id'],
  ['taux_bp'],
  ['ca_ttc_cents', 'cellules'],
  'cellules',
);

/** The delta columns of a grouping of contribution rows in which each receipt side counts once. */
const DELTA_COLUMNS = `SUM(ca) AS ca_ttc_cents, SUM(cout) AS cout_cents, SUM(unites) AS unites,
  SUM(t) AS tickets`;
/** The rows of a delta grouping whose figures move (the alias names: no HAVING ambiguity). */
const moving = (select: string, sums = ALL_SUMS) =>
  `SELECT * FROM (${select}) WHERE ${sums.map((c) => `${c} <> 0`).join(' OR ')}`;

/**
 * The receipt deltas of every grain, from temp.agg_contrib. Each grouping reads as few rows as
 * it can (measured: the groupings cost as much as applying their results):
 *  - product: a contribution row is already one receipt side and one product;
 *  - hour: grouped from the receipt sides (agg_recus: one row per side and receipt), with the cost
 *    kept so that the store rows are summed from the hour rows (a receipt side has one hour);
 *  - category: per receipt side and category first (a receipt counts once per category);
 *  - VAT: from the category deltas before they are applied, a rate's count of category rows
 *    (cellules) moving by the rows created or emptied.
 * Returns the number of (store, day) cells adjusted.
 */
function applyReceiptDeltas(db: CacheDb, anyDirtyProduct: boolean): number {
  const productFilter = anyDirtyProduct ? `produit_id NOT IN (${DIRTY_PRODUCTS})` : 'true';
  // The dirty products' cells are recomputed from the detail: the store grains skip them.
  const outside = anyDirtyProduct
    ? `NOT EXISTS (SELECT 1 FROM agg_dirty_jour d
        WHERE d.magasin_id = agg_contrib.magasin_id AND d.jour = agg_contrib.jour)`
    : 'true';
  db.exec(
    `CREATE TEMP TABLE agg_delta AS ${moving(`
    SELECT jour, produit_id, ${DELTA_COLUMNS} FROM temp.agg_contrib WHERE ${productFilter}
    GROUP BY jour, produit_id`)}`,
  );
  applyDeltas(db, PRODUCT_GRAIN);

  db.exec(`CREATE TEMP TABLE agg_recus AS
    SELECT t, magasin_id, jour, heure, SUM(ca) AS ca, SUM(cout) AS cout, SUM(unites) AS unites
    FROM temp.agg_contrib WHERE ${outside} GROUP BY t, vente_id`);
  const cells = (
    db
      .prepare('SELECT count(*) AS n FROM (SELECT DISTINCT magasin_id, jour FROM temp.agg_recus)')
      .get() as {
      n: number;
    }
  ).n;
  db.exec(
    `CREATE TEMP TABLE agg_delta AS ${moving(`
    SELECT magasin_id, jour, heure, ${DELTA_COLUMNS} FROM temp.agg_recus
    GROUP BY magasin_id, jour, heure`)}`,
  );
  db.exec(
    `CREATE TEMP TABLE agg_delta_magasin AS ${moving(`
    SELECT magasin_id, jour, SUM(ca_ttc_cents) AS ca_ttc_cents, SUM(cout_cents) AS cout_cents,
      SUM(unites) AS unites, SUM(tickets) AS tickets
    FROM temp.agg_delta GROUP BY magasin_id, jour`)}`,
  );
  applyDeltas(db, HOUR_GRAIN);
  applyDeltas(db, STORE_GRAIN, 'agg_delta_magasin');
  db.exec('DROP TABLE temp.agg_recus');

  db.exec(
    `CREATE TEMP TABLE agg_delta AS ${moving(`
    SELECT magasin_id, jour, categorie_id, ${DELTA_COLUMNS}
    FROM (SELECT t, magasin_id, jour, categorie_id, SUM(ca) AS ca, SUM(cout) AS cout,
            SUM(unites) AS unites
          FROM temp.agg_contrib WHERE ${outside} GROUP BY t, vente_id, categorie_id)
    GROUP BY magasin_id, jour, categorie_id`)}`,
  );
  // A category row exists while it has a ticket: created when its tickets go from 0 to more,
  // emptied when they come back to 0. Categories unknown to the cache have no VAT row (the
  // rebuild's inner join).
  db.exec(
    `CREATE TEMP TABLE agg_delta_tva AS ${moving(
      `SELECT d.magasin_id AS magasin_id, d.jour AS jour, ${TVA_BP('c.taux_tva')} AS taux_bp,
      SUM(d.ca_ttc_cents) AS ca_ttc_cents,
      SUM((coalesce(a.tickets, 0) + d.tickets > 0) - (coalesce(a.tickets, 0) > 0)) AS cellules
    FROM temp.agg_delta d CROSS JOIN categories c ON c.id = d.categorie_id
      LEFT JOIN agg_categorie_jour a
        ON a.magasin_id = d.magasin_id AND a.jour = d.jour AND a.categorie_id = d.categorie_id
    GROUP BY d.magasin_id, d.jour, taux_bp`,
      VAT_GRAIN.sums,
    )}`,
  );
  applyDeltas(db, CATEGORY_GRAIN);
  applyDeltas(db, VAT_GRAIN, 'agg_delta_tva');
  return cells;
}

/**
 * Adds a delta table (temp.agg_delta by default: the grain's key and sum columns) to the daily
 * and monthly rows, deletes the rows left without a ticket (VAT rows: without a category row),
 * and drops the delta table.
 */
function applyDeltas(db: CacheDb, g: DeltaGrain, deltas = 'agg_delta'): void {
  const keys = [...g.lead, 'jour', ...g.extra];
  const from = `temp.${deltas}`;
  addRows(db, g.day, keys, g.sums, from);
  // Only a negative count can bring a row to 0 (a delta never targets a row that is not there
  // without a positive count: its receipts were counted in it), so only those keys are probed.
  db.exec(`DELETE FROM ${g.day} WHERE (${keys.join(', ')}) IN
    (SELECT ${keys.join(', ')} FROM ${from} WHERE ${g.count} < 0) AND ${g.count} = 0`);
  if (g.month) {
    addToMonths(db, { month: g.month, keys: g.extra, sums: g.sums }, g.lead, `${from} a`, 1);
    const monthKeys = [...g.lead, 'substr(jour, 1, 7)', ...g.extra];
    db.exec(`DELETE FROM ${g.month} WHERE (${[...g.lead, 'mois', ...g.extra].join(', ')}) IN
      (SELECT DISTINCT ${monthKeys.join(', ')} FROM ${from} WHERE ${g.count} < 0) AND ${g.count} = 0`);
  }
  db.exec(`DROP TABLE ${from}`);
}

/**
 * The product rows of the dirty products, on every day they have or had lines (days of their lines
 * now, and of their lines in the snapshots: since deleted or moved), recomputed from their lines
 * (through lignes_ventes(produit_id)): the old rows as negative deltas, the new ones positive.
 */
function recomputeDirtyProducts(db: CacheDb): void {
  db.exec(`CREATE TEMP TABLE agg_produit_cles AS
    SELECT v.jour AS jour, l.produit_id AS produit_id FROM agg_dirty_produit dp
      CROSS JOIN lignes_ventes l ON l.produit_id = dp.produit_id CROSS JOIN ventes v ON v.id = l.vente_id
    UNION
    SELECT jour, produit_id FROM agg_snap_produit WHERE produit_id IN (${DIRTY_PRODUCTS})`);
  db.exec(`CREATE TEMP TABLE agg_delta AS
    SELECT jour, produit_id, SUM(ca_ttc_cents) AS ca_ttc_cents, SUM(cout_cents) AS cout_cents,
      SUM(unites) AS unites, SUM(tickets) AS tickets
    FROM (
      SELECT a.jour, a.produit_id, -a.ca_ttc_cents AS ca_ttc_cents, -a.cout_cents AS cout_cents,
        -a.unites AS unites, -a.tickets AS tickets
      FROM temp.agg_produit_cles k CROSS JOIN agg_produit_jour a
        ON a.jour = k.jour AND a.produit_id = k.produit_id
      UNION ALL
      SELECT v.jour, l.produit_id, ${LINE_SUMS}
      FROM agg_dirty_produit dp CROSS JOIN lignes_ventes l ON l.produit_id = dp.produit_id
        CROSS JOIN ventes v ON v.id = l.vente_id ${KNOWN_STORE} CROSS JOIN produits p ON p.id = l.produit_id
      GROUP BY v.jour, l.produit_id)
    GROUP BY jour, produit_id`);
  db.exec('DROP TABLE temp.agg_produit_cles');
  applyDeltas(db, PRODUCT_GRAIN);
}

/**
 * Store grains of the cells in agg_dirty_jour (those of dirty products): the rows are subtracted
 * from their months, recomputed from the detail, and added back; months left without a ticket (a
 * category row, for VAT rows) are removed.
 */
function recomputeDirtyCells(db: CacheDb): void {
  for (const t of MONTHLY) addToMonths(db, t, ['magasin_id'], cellRows(t.day), -1);
  for (const t of ['agg_magasin_jour', 'agg_categorie_jour', 'agg_heure_jour', 'agg_tva_jour']) {
    db.exec(
      `DELETE FROM ${t} WHERE (magasin_id, jour) IN (SELECT magasin_id, jour FROM agg_dirty_jour)`,
    );
  }
  for (const sql of storeDayInserts(DIRTY_LINES, cellRows('agg_categorie_jour'))) db.exec(sql);
  for (const t of MONTHLY) {
    addToMonths(db, t, ['magasin_id'], cellRows(t.day), 1);
    db.exec(`DELETE FROM ${t.month} WHERE (magasin_id, mois) IN
      (SELECT DISTINCT magasin_id, substr(jour, 1, 7) FROM agg_dirty_jour) AND ${t.count} = 0`);
  }
}

/**
 * Brings the aggregates up to date with the changes since the last refresh and clears the change
 * lists: receipt deltas everywhere except the cells and products recomputed because a product's
 * category, cost or VAT rate changed. `cells` counts the (store, day) cells adjusted or
 * recomputed, `products` the dirty products. On a cache whose aggregates were never built
 * (created by an older version) it builds them once in full and says so.
 * Inside the caller's transaction (the sync's) it opens no savepoint: a savepoint would make
 * SQLite copy every page the refresh changes first, the cost addRows avoids; on an error the
 * caller rolls back its whole transaction, as the sync does. Outside one it runs in its own.
 */
export function refreshDirtyAggregates(db: CacheDb): {
  cells: number;
  products: number;
  rebuilt: boolean;
} {
  if (!aggregatesBuilt(db)) {
    rebuildAggregates(db);
    return { cells: 0, products: 0, rebuilt: true };
  }
  const refresh = () => {
    const count = (sql: string) =>
      (db.prepare(`SELECT count(*) AS n FROM (${sql})`).get() as { n: number }).n;
    const products = count(DIRTY_PRODUCTS);
    // Whether any receipt or line was touched (not how many: only that is used).
    const touched =
      count('SELECT 1 FROM agg_snap_vente LIMIT 1') + count('SELECT 1 FROM agg_log_ligne LIMIT 1');
    if (products === 0 && touched === 0) return { cells: 0, products: 0, rebuilt: false };

    db.exec('DELETE FROM agg_dirty_jour');
    if (products > 0) {
      // The cells of the dirty products' lines, now and at the last refresh.
      db.exec(`INSERT OR IGNORE INTO agg_dirty_jour (magasin_id, jour)
        SELECT DISTINCT v.magasin_id, v.jour FROM agg_dirty_produit dp
        CROSS JOIN lignes_ventes l ON l.produit_id = dp.produit_id CROSS JOIN ventes v ON v.id = l.vente_id`);
      db.exec(`INSERT OR IGNORE INTO agg_dirty_jour (magasin_id, jour)
        SELECT DISTINCT magasin_id, jour FROM agg_snap_produit WHERE produit_id IN (${DIRTY_PRODUCTS})`);
    }
    let cells = count('SELECT 1 FROM agg_dirty_jour');

    if (touched > 0) {
      for (const sql of CONTRIBUTIONS) db.exec(sql);
      cells += applyReceiptDeltas(db, products > 0);
      db.exec('DROP TABLE temp.agg_contrib');
    }
    if (products > 0) {
      recomputeDirtyProducts(db);
      recomputeDirtyCells(db);
    }
    db.exec(CLEAR_DIRTY);
    return { cells, products, rebuilt: false };
  };
  return db.inTransaction ? refresh() : db.transaction(refresh)();
}

/** Every aggregate row, sorted: for tests comparing a refreshed cache with a rebuilt one. */
export function dumpAggregates(db: CacheDb): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const t of AGG_TABLES) {
    out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).raw().all() as unknown[][];
  }
  return out;
}
