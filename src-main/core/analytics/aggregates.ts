// Maintenance of the pre-aggregated tables (migrations/local/010_aggregates.sql).
//
// Contract with the sync (the only writer of the cache):
//  - initial load: dropAggregateTriggers(db) before the bulk inserts, rebuildAggregates(db) after
//    them, inside the same transaction (it builds everything from the detail and (re)creates the
//    dirty-tracking triggers and its indexes);
//  - incremental sync: apply the changes with plain INSERT / UPDATE / DELETE or
//    INSERT … ON CONFLICT DO UPDATE (not INSERT OR REPLACE, whose implicit delete fires no
//    trigger), then call refreshDirtyAggregates(db) just before the commit.
//
// Dirty tracking: triggers on ventes and lignes_ventes record each (store, business day) whose
// detail changed in agg_dirty_jour; triggers on produits (category or cost changed) and categories
// (VAT rate changed) record the products concerned in agg_dirty_produit. The refresh deletes and
// recomputes, from the detail, only those day cells, the cells holding lines of those products
// (found through lignes_ventes(produit_id)) and the product rows of the dirty days and products;
// the monthly rows containing them are adjusted by deltas (old daily rows subtracted, new ones
// added), so a refresh reads only the touched days. Stores need no trigger: region, targets and
// opening dates are read at query time from the current rows (restated view, DOMAIN.md §4).
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

// INSERT … SELECT … WHERE NOT EXISTS rather than INSERT OR IGNORE: inside a trigger an OR clause
// is overridden by the conflict clause of the statement that fired it (an outer OR ABORT would
// then fail on an already-dirty cell).
function markCells(select: string): string {
  return `INSERT INTO agg_dirty_jour (magasin_id, jour)
    SELECT DISTINCT c.magasin_id, c.jour FROM (${select}) c
    WHERE NOT EXISTS (SELECT 1 FROM agg_dirty_jour d WHERE d.magasin_id = c.magasin_id AND d.jour = c.jour);`;
}
function markProducts(select: string): string {
  return `INSERT INTO agg_dirty_produit (produit_id)
    SELECT DISTINCT c.id FROM (${select}) c
    WHERE NOT EXISTS (SELECT 1 FROM agg_dirty_produit d WHERE d.produit_id = c.id);`;
}

/** VAT rate in basis points, exact for the central numeric(6,4) (hierarchy.ts does the same). */
const TVA_BP = (col: string) => `CAST(round(${col} * 10000) AS INTEGER)`;

const TRIGGERS: Record<string, string> = {
  agg_ventes_ai: `AFTER INSERT ON ventes BEGIN
    ${markCells('SELECT NEW.magasin_id AS magasin_id, NEW.jour AS jour')} END`,
  // heure too: agg_heure_jour is keyed by the Paris hour, and the sync updates only the columns
  // that changed (a time corrected within the same day changes date_vente and heure only).
  agg_ventes_au: `AFTER UPDATE OF magasin_id, jour, heure ON ventes
    WHEN OLD.magasin_id IS NOT NEW.magasin_id OR OLD.jour IS NOT NEW.jour
      OR OLD.heure IS NOT NEW.heure BEGIN
    ${markCells('SELECT OLD.magasin_id AS magasin_id, OLD.jour AS jour UNION ALL SELECT NEW.magasin_id, NEW.jour')} END`,
  agg_ventes_ad: `AFTER DELETE ON ventes BEGIN
    ${markCells('SELECT OLD.magasin_id AS magasin_id, OLD.jour AS jour')} END`,
  agg_lignes_ai: `AFTER INSERT ON lignes_ventes BEGIN
    ${markCells('SELECT magasin_id, jour FROM ventes WHERE id = NEW.vente_id')} END`,
  agg_lignes_au: `AFTER UPDATE OF vente_id, produit_id, quantite, prix_unitaire_cents ON lignes_ventes
    WHEN OLD.vente_id IS NOT NEW.vente_id OR OLD.produit_id IS NOT NEW.produit_id
      OR OLD.quantite IS NOT NEW.quantite OR OLD.prix_unitaire_cents IS NOT NEW.prix_unitaire_cents BEGIN
    ${markCells('SELECT magasin_id, jour FROM ventes WHERE id IN (OLD.vente_id, NEW.vente_id)')} END`,
  agg_lignes_ad: `AFTER DELETE ON lignes_ventes BEGIN
    ${markCells('SELECT magasin_id, jour FROM ventes WHERE id = OLD.vente_id')} END`,
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
};

/** Removes the dirty-tracking triggers (before a bulk initial load; the rebuild recreates them). */
export function dropAggregateTriggers(db: CacheDb): void {
  for (const name of Object.keys(TRIGGERS)) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
}

function createAggregateTriggers(db: CacheDb): void {
  for (const [name, body] of Object.entries(TRIGGERS)) {
    db.exec(`DROP TRIGGER IF EXISTS ${name}; CREATE TRIGGER ${name} ${body};`);
  }
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
/** Rows of a store × day table (alias a) in the dirty cells. */
const dirtyRows = (table: string) =>
  `agg_dirty_jour d CROSS JOIN ${table} a ON a.magasin_id = d.magasin_id AND a.jour = d.jour`;

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
    `INSERT INTO agg_tva_jour
       SELECT a.magasin_id, a.jour, ${TVA_BP('c.taux_tva')} AS bp, SUM(a.ca_ttc_cents), COUNT(*)
       FROM ${categoryRows} CROSS JOIN categories c ON c.id = a.categorie_id
       GROUP BY a.magasin_id, a.jour, bp`,
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
 * Adds (sign +1) or subtracts (−1) daily rows into their monthly rows. `rows` is a FROM clause
 * yielding the daily rows as alias a; `lead` the leading key columns (store or nothing).
 */
function monthDelta(
  t: { month: string; keys: string[]; sums: string[] },
  lead: string[],
  rows: string,
  sign: 1 | -1,
): string {
  const keys = [...lead, 'mois', ...t.keys];
  const select = [
    ...lead.map((k) => `a.${k}`),
    'substr(a.jour, 1, 7)',
    ...t.keys.map((k) => `a.${k}`),
  ];
  return `INSERT INTO ${t.month} (${keys.join(', ')}, ${t.sums.join(', ')})
    SELECT ${select.join(', ')}, ${t.sums.map((c) => `${sign} * SUM(a.${c})`).join(', ')}
    FROM ${rows} WHERE true GROUP BY ${select.join(', ')}
    ON CONFLICT (${keys.join(', ')}) DO UPDATE SET
      ${t.sums.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
}

/** Whether a full build has completed on this cache (the engine refuses to read before). */
export function aggregatesBuilt(db: CacheDb): boolean {
  const row = db.prepare(`SELECT value FROM agg_state WHERE key = 'built_at'`).get();
  return row !== undefined;
}

const PRODUCT_SUMS = 'SUM(a.ca_ttc_cents), SUM(a.cout_cents), SUM(a.unites), SUM(a.tickets)';
const PRODUCT_DAY = (from: string, where = '') => `INSERT INTO agg_produit_jour
  SELECT v.jour, l.produit_id, ${LINE_SUMS} FROM ${from} ${where} GROUP BY v.jour, l.produit_id`;

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
    for (const t of MONTHLY) db.exec(monthDelta(t, ['magasin_id'], `${t.day} a`, 1));
    db.exec(
      PRODUCT_DAY(`lignes_ventes l CROSS JOIN ventes v ON v.id = l.vente_id ${KNOWN_STORE}
        CROSS JOIN produits p ON p.id = l.produit_id`),
    );
    db.exec(`INSERT INTO agg_produit_mois SELECT substr(a.jour, 1, 7) AS m, a.produit_id,
      ${PRODUCT_SUMS} FROM agg_produit_jour a GROUP BY m, a.produit_id`);
    db.exec('DELETE FROM agg_dirty_jour; DELETE FROM agg_dirty_produit;');
    createAggregateTriggers(db);
    db.prepare(`INSERT OR REPLACE INTO agg_state (key, value) VALUES ('built_at', ?)`).run(
      new Date().toISOString(),
    );
  })();
  return { seconds: (performance.now() - t0) / 1000 };
}

const DIRTY_DAYS = 'SELECT DISTINCT jour FROM agg_dirty_jour';
const DIRTY_PRODUCTS = 'SELECT produit_id FROM agg_dirty_produit';
const PRODUCT_MONTH = {
  month: 'agg_produit_mois',
  keys: ['produit_id'],
  sums: ['ca_ttc_cents', 'cout_cents', 'unites', 'tickets'],
};

/**
 * Product grain: the rows of the days whose detail changed (every product) and of the products
 * whose category/cost changed (every day) are subtracted from their months, recomputed from the
 * detail, and added back; months left without a ticket are removed.
 */
function refreshProductGrain(db: CacheDb, products: number): void {
  // The affected product × day rows, each once.
  const affected = `(SELECT * FROM agg_produit_jour WHERE jour IN (${DIRTY_DAYS})${
    products > 0
      ? ` UNION ALL SELECT * FROM agg_produit_jour
          WHERE produit_id IN (${DIRTY_PRODUCTS}) AND jour NOT IN (${DIRTY_DAYS})`
      : ''
  }) a`;
  db.exec(monthDelta(PRODUCT_MONTH, [], affected, -1));
  db.exec(`DELETE FROM agg_produit_jour WHERE jour IN (${DIRTY_DAYS})`);
  // Each dirty day across stores, through ventes(magasin_id, jour).
  db.exec(
    PRODUCT_DAY(`(${DIRTY_DAYS}) dj CROSS JOIN magasins m
      CROSS JOIN ventes v ON v.magasin_id = m.id AND v.jour = dj.jour ${LINES}`),
  );
  if (products > 0) {
    db.exec(`DELETE FROM agg_produit_jour WHERE produit_id IN (${DIRTY_PRODUCTS})
      AND jour NOT IN (${DIRTY_DAYS})`);
    db.exec(
      PRODUCT_DAY(
        `agg_dirty_produit dp CROSS JOIN lignes_ventes l ON l.produit_id = dp.produit_id
         CROSS JOIN ventes v ON v.id = l.vente_id ${KNOWN_STORE} CROSS JOIN produits p ON p.id = l.produit_id`,
        `WHERE v.jour NOT IN (${DIRTY_DAYS})`,
      ),
    );
  }
  db.exec(monthDelta(PRODUCT_MONTH, [], affected, 1));
  db.exec(`DELETE FROM agg_produit_mois WHERE mois IN (SELECT DISTINCT substr(jour, 1, 7)
    FROM agg_dirty_jour) AND tickets = 0`);
  if (products > 0) {
    db.exec(`DELETE FROM agg_produit_mois WHERE produit_id IN (${DIRTY_PRODUCTS}) AND tickets = 0`);
  }
}

/**
 * Store grains: the rows of the dirty cells are subtracted from their months, recomputed from the
 * detail, and added back; months left without a ticket (a line, for VAT rows) are removed.
 */
function refreshStoreGrains(db: CacheDb): void {
  for (const t of MONTHLY) db.exec(monthDelta(t, ['magasin_id'], dirtyRows(t.day), -1));
  for (const t of ['agg_magasin_jour', 'agg_categorie_jour', 'agg_heure_jour', 'agg_tva_jour']) {
    db.exec(
      `DELETE FROM ${t} WHERE (magasin_id, jour) IN (SELECT magasin_id, jour FROM agg_dirty_jour)`,
    );
  }
  for (const sql of storeDayInserts(DIRTY_LINES, dirtyRows('agg_categorie_jour'))) db.exec(sql);
  for (const t of MONTHLY) {
    db.exec(monthDelta(t, ['magasin_id'], dirtyRows(t.day), 1));
    db.exec(`DELETE FROM ${t.month} WHERE (magasin_id, mois) IN
      (SELECT DISTINCT magasin_id, substr(jour, 1, 7) FROM agg_dirty_jour) AND ${t.count} = 0`);
  }
}

/**
 * Recomputes the cells touched since the last refresh (and only those) and clears the dirty
 * lists. `cells` counts the (store, day) cells recomputed (those whose detail changed plus those
 * holding lines of a changed product), `products` the products whose rows were recomputed.
 * On a cache whose aggregates were never built (created by an older version) it builds them
 * once in full and says so.
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
  return db.transaction(() => {
    const count = (sql: string) =>
      (db.prepare(`SELECT count(*) AS n FROM (${sql})`).get() as { n: number }).n;
    const products = count(DIRTY_PRODUCTS);
    if (products === 0 && count('SELECT 1 FROM agg_dirty_jour') === 0) {
      return { cells: 0, products: 0, rebuilt: false };
    }
    refreshProductGrain(db, products);
    if (products > 0) {
      // The store grains also depend on the changed products' category and cost: add the cells
      // of their lines (through lignes_ventes(produit_id)).
      db.exec(`INSERT OR IGNORE INTO agg_dirty_jour (magasin_id, jour)
        SELECT DISTINCT v.magasin_id, v.jour FROM agg_dirty_produit dp
        CROSS JOIN lignes_ventes l ON l.produit_id = dp.produit_id CROSS JOIN ventes v ON v.id = l.vente_id`);
    }
    const cells = count('SELECT 1 FROM agg_dirty_jour');
    refreshStoreGrains(db);
    db.exec('DELETE FROM agg_dirty_jour; DELETE FROM agg_dirty_produit;');
    return { cells, products, rebuilt: false };
  })();
}

/** Every aggregate row, sorted: for tests comparing a refreshed cache with a rebuilt one. */
export function dumpAggregates(db: CacheDb): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const t of AGG_TABLES) {
    out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).raw().all() as unknown[][];
  }
  return out;
}
