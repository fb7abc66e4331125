// The sale lines behind the figures of a scope and period, read from the cache's detail in one
// indexed pass (ventes by store and day, then each receipt's lines), for the detail report in
// xlsx and CSV. Same scope rules as the analytics engine (resolveScope: today's hierarchy, the
// receipt's store, lines of known products only), so Σ Montant TTC of the lines = the KPI
// CA TTC of the same scope, Σ Coût = its coût, Σ Montant HT = its CA HT before rounding.
import type { DateRange, ScopeFilter } from '../../../../src-shared/domain/analytics';
import type { CacheDb } from '../../cache/database';
import { loadHierarchy, resolveScope } from '../../analytics/hierarchy';
import { dateRange } from '../../analytics/periods';
import type { ColumnSpec } from '../sheet';

/** One line as read (raw array: better-sqlite3's fastest row shape). */
export type DetailRecord = [
  jour: string,
  heure: number,
  dateVente: string,
  regionCode: string,
  regionNom: string,
  magasinId: number,
  magasinNom: string,
  categorieCode: string,
  categorieNom: string,
  sku: string,
  libelle: string | null,
  venteId: number,
  quantite: number,
  prixUnitaireCents: number,
  tvaBp: number,
  prixAchatCents: number,
  produitId: number,
];

/** The columns of the detail, in order: what the xlsx and the CSV both write. */
export const DETAIL_COLUMNS: ColumnSpec[] = [
  { key: 'date', header: 'Date et heure', kind: 'datetime', width: 19 },
  { key: 'jour', header: 'Jour', kind: 'date', width: 11 },
  { key: 'region_code', header: 'Code région', kind: 'text', width: 9 },
  { key: 'region', header: 'Région', kind: 'text', width: 20 },
  { key: 'magasin_id', header: 'N° magasin', kind: 'int', width: 9 },
  { key: 'magasin', header: 'Magasin', kind: 'text', width: 24 },
  { key: 'categorie_code', header: 'Code catégorie', kind: 'text', width: 10 },
  { key: 'categorie', header: 'Catégorie', kind: 'text', width: 20 },
  { key: 'sku', header: 'SKU', kind: 'text', width: 14 },
  { key: 'produit', header: 'Produit', kind: 'text', width: 28 },
  { key: 'ticket', header: 'Ticket', kind: 'int', width: 11 },
  { key: 'quantite', header: 'Quantité', kind: 'int', width: 9 },
  { key: 'prix_unitaire', header: 'Prix unitaire TTC', kind: 'money', width: 13 },
  { key: 'montant_ttc', header: 'Montant TTC', kind: 'money', width: 14 },
  { key: 'montant_ht', header: 'Montant HT', kind: 'money', width: 14 },
  { key: 'cout', header: 'Coût', kind: 'money', width: 14 },
];

export interface DetailSource {
  total: number;
  rows(): IterableIterator<DetailRecord>;
}

/** Resolves the scope (NOT_FOUND on an unknown code) and prepares the count and the rows. */
export function detailSource(db: CacheDb, range: DateRange, filter: ScopeFilter): DetailSource {
  const r = dateRange(range.from, range.to);
  const h = loadHierarchy(db);
  const scope = resolveScope(db, h, filter);
  if (scope.empty || scope.stores.length === 0) {
    return { total: 0, rows: () => [][Symbol.iterator]() };
  }
  const conditions = ['v.jour BETWEEN ? AND ?', 'v.magasin_id IN (SELECT value FROM json_each(?))'];
  const params: unknown[] = [r.from, r.to, JSON.stringify(scope.stores.map((s) => s.id))];
  if (scope.product) {
    conditions.push('l.produit_id = ?');
    params.push(scope.product.id);
  } else if (scope.category) {
    conditions.push('p.categorie_id = ?');
    params.push(scope.category.id);
  }
  // CROSS JOIN fixes the order (the cache has no statistics): receipts of the stores and days
  // through ventes(magasin_id, jour), then each receipt's lines through lignes_ventes(vente_id).
  // That order is also the output order, so no sort of millions of rows is needed.
  const from = `FROM ventes v CROSS JOIN lignes_ventes l ON l.vente_id = v.id
      CROSS JOIN produits p ON p.id = l.produit_id
      CROSS JOIN categories c ON c.id = p.categorie_id
    WHERE ${conditions.join(' AND ')}`;
  const total = (db.prepare(`SELECT count(*) AS n ${from}`).get(...params) as { n: number }).n;
  const select = db
    .prepare(
      `SELECT v.jour, v.heure, v.date_vente, g.code, g.nom, m.id, m.nom, c.code, c.nom, p.sku,
         p.libelle, v.id, l.quantite, l.prix_unitaire_cents,
         CAST(round(c.taux_tva * 10000) AS INTEGER), p.prix_achat_cents, p.id
       FROM ventes v CROSS JOIN lignes_ventes l ON l.vente_id = v.id
         CROSS JOIN produits p ON p.id = l.produit_id
         CROSS JOIN categories c ON c.id = p.categorie_id
         CROSS JOIN magasins m ON m.id = v.magasin_id
         CROSS JOIN regions g ON g.id = m.region_id
       WHERE ${conditions.join(' AND ')}
       ORDER BY v.magasin_id, v.jour, v.id, l.id`,
    )
    .raw(true);
  return { total, rows: () => select.iterate(...params) as IterableIterator<DetailRecord> };
}

/**
 * Widths of the name columns from the longest names of the dimensions (rows are streamed, so
 * the values are not known in advance; the names are), capped so one long name cannot widen the
 * printed page much.
 */
export function detailColumns(db: CacheDb): ColumnSpec[] {
  const longest = (sql: string) => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
  const fit = (n: number, min: number) => Math.min(40, Math.max(min, Math.ceil(n * 1.05) + 2));
  const widths: Record<string, number> = {
    region: fit(longest('SELECT max(length(nom)) AS n FROM regions'), 12),
    magasin: fit(longest('SELECT max(length(nom)) AS n FROM magasins'), 14),
    categorie: fit(longest('SELECT max(length(nom)) AS n FROM categories'), 12),
    sku: fit(longest('SELECT max(length(sku)) AS n FROM produits'), 10),
    produit: fit(longest('SELECT max(length(libelle)) AS n FROM produits'), 14),
  };
  return DETAIL_COLUMNS.map((c) => (widths[c.key] ? { ...c, width: widths[c.key] } : c));
}

/** Excel serial of the sale's Paris wall-clock time: its business day + hour + UTC mm:ss. */
export function parisSerial(jourSerial: number, heure: number, dateVenteUtc: string): number {
  // Paris is UTC+1 or UTC+2: whole hours, so minutes and seconds are the UTC ones.
  const mm = +dateVenteUtc.slice(14, 16);
  const ss = +dateVenteUtc.slice(17, 19);
  return jourSerial + (heure * 3600 + mm * 60 + ss) / 86_400;
}
