// Seasonality of a scope over a period: ca_ttc, units and tickets by calendar month (1–12, years
// merged), by ISO weekday and by Paris hour of the sale. `jours` counts the calendar days of the
// period in each month/weekday bucket, so a period with five Mondays and four Tuesdays can be
// read per day. `part` is the bucket's share of the period's ca_ttc (null when that is 0).
import type {
  DateRange,
  ScopeFilter,
  SeasonalityBucket,
  SeasonalityResult,
} from '../../../../src-shared/domain/analytics';
import type { CacheDb } from '../../cache/database';
import { isoWeekday } from '../dates';
import { loadHierarchy, resolveScope, type ResolvedScope } from '../hierarchy';
import { dateRange, eachDay } from '../periods';
import { assertAggregatesReady } from '../ready';
import { cached } from '../statements';
import { elapsedSince } from './ranking';

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

type Row = [key: string | number, ca: number, unites: number, tickets: number];

const STORES_IN = 'magasin_id IN (SELECT value FROM json_each(?))';
// Receipts of the stores and days first (CROSS JOIN keeps that order; see drilldown.ts).
const DETAIL = `FROM ventes v CROSS JOIN lignes_ventes l ON l.vente_id = v.id
  CROSS JOIN produits p ON p.id = l.produit_id
  WHERE v.jour BETWEEN ? AND ? AND v.${STORES_IN}`;
// One product's lines first (lignes_ventes(produit_id)).
const PRODUCT_DETAIL = `FROM lignes_ventes l JOIN ventes v ON v.id = l.vente_id
  WHERE l.produit_id = ? AND v.jour BETWEEN ? AND ? AND v.${STORES_IN}`;

/** [jour, ca, unites, tickets] per business day of the scope. */
function dailyRows(db: CacheDb, scope: ResolvedScope, r: DateRange): Row[] {
  const stores = JSON.stringify(scope.stores.map((s) => s.id));
  const sums = 'SUM(ca_ttc_cents), SUM(unites), SUM(tickets)';
  if (scope.product) {
    return cached(
      db,
      `SELECT v.jour, SUM(l.quantite * l.prix_unitaire_cents), SUM(l.quantite),
        COUNT(DISTINCT v.id) ${PRODUCT_DETAIL} GROUP BY v.jour`,
    )
      .raw()
      .all(scope.product.id, r.from, r.to, stores) as Row[];
  }
  if (scope.category) {
    return cached(
      db,
      `SELECT jour, ${sums} FROM agg_categorie_jour
      WHERE ${STORES_IN} AND jour BETWEEN ? AND ? AND categorie_id = ? GROUP BY jour`,
    )
      .raw()
      .all(stores, r.from, r.to, scope.category.id) as Row[];
  }
  return cached(
    db,
    `SELECT jour, ${sums} FROM agg_magasin_jour
    WHERE ${STORES_IN} AND jour BETWEEN ? AND ? GROUP BY jour`,
  )
    .raw()
    .all(stores, r.from, r.to) as Row[];
}

/** [heure, ca, unites, tickets] of the scope. */
function hourlyRows(db: CacheDb, scope: ResolvedScope, r: DateRange): Row[] {
  const stores = JSON.stringify(scope.stores.map((s) => s.id));
  const sums = 'SUM(l.quantite * l.prix_unitaire_cents), SUM(l.quantite), COUNT(DISTINCT v.id)';
  if (scope.product) {
    return cached(db, `SELECT v.heure, ${sums} ${PRODUCT_DETAIL} GROUP BY v.heure`)
      .raw()
      .all(scope.product.id, r.from, r.to, stores) as Row[];
  }
  if (scope.category) {
    return cached(db, `SELECT v.heure, ${sums} ${DETAIL} AND p.categorie_id = ? GROUP BY v.heure`)
      .raw()
      .all(r.from, r.to, stores, scope.category.id) as Row[];
  }
  return cached(
    db,
    `SELECT heure, SUM(ca_ttc_cents), SUM(unites), SUM(tickets) FROM agg_heure_jour
    WHERE ${STORES_IN} AND jour BETWEEN ? AND ? GROUP BY heure`,
  )
    .raw()
    .all(stores, r.from, r.to) as Row[];
}

function buckets(
  keys: number[],
  label: (k: number) => string,
  rows: [number, number, number, number][],
  days: Map<number, number> | null,
): SeasonalityBucket[] {
  const acc = new Map(keys.map((k) => [k, { ca: 0, unites: 0, tickets: 0 }]));
  for (const [k, ca, unites, tickets] of rows) {
    const a = acc.get(k)!;
    a.ca += ca;
    a.unites += unites;
    a.tickets += tickets;
  }
  const total = [...acc.values()].reduce((t, a) => t + a.ca, 0);
  return keys.map((k) => {
    const a = acc.get(k)!;
    return {
      cle: k,
      libelle: label(k),
      jours: days ? (days.get(k) ?? 0) : null,
      ca_ttc: a.ca / 100,
      unites: a.unites,
      tickets: a.tickets,
      part: total === 0 ? null : a.ca / total,
    };
  });
}

export function seasonalityAnalysis(
  db: CacheDb,
  range: DateRange,
  filter: ScopeFilter = {},
): SeasonalityResult {
  const t0 = performance.now();
  assertAggregatesReady(db);
  const r = dateRange(range.from, range.to);
  const h = loadHierarchy(db);
  const scope = resolveScope(db, h, filter);
  const empty = scope.empty || scope.stores.length === 0;
  const daily = empty ? [] : dailyRows(db, scope, r);
  const hourly = empty ? [] : hourlyRows(db, scope, r);
  const monthDays = new Map<number, number>();
  const weekdayDays = new Map<number, number>();
  for (const d of eachDay(r)) {
    const m = Number(d.slice(5, 7));
    const w = isoWeekday(d);
    monthDays.set(m, (monthDays.get(m) ?? 0) + 1);
    weekdayDays.set(w, (weekdayDays.get(w) ?? 0) + 1);
  }
  const byMonth = daily.map(
    ([j, ...v]) => [Number(String(j).slice(5, 7)), ...v] as [number, number, number, number],
  );
  const byWeekday = daily.map(
    ([j, ...v]) => [isoWeekday(String(j)), ...v] as [number, number, number, number],
  );
  const hours = Array.from({ length: 24 }, (_, i) => i);
  return {
    elapsed_ms: elapsedSince(t0),
    mois: buckets(
      [...Array(12).keys()].map((i) => i + 1),
      (k) => MONTHS[k - 1]!,
      byMonth,
      monthDays,
    ),
    jours_semaine: buckets([1, 2, 3, 4, 5, 6, 7], (k) => WEEKDAYS[k - 1]!, byWeekday, weekdayDays),
    heures: buckets(
      hours,
      (k) => `${String(k).padStart(2, '0')} h`,
      hourly as [number, number, number, number][],
      null,
    ),
  };
}
