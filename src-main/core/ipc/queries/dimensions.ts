// The dimensions the pickers and the what-if lever editor offer, read from the cache: today's
// regions, stores (with their region and opening dates), categories (with their elasticity) and
// the first and last business day with sales (the default period ends on the last one).
import type { IsoDate } from '../../../../src-shared/domain/analytics';
import type { DimensionsData } from '../../../../src-shared/ipc/dto/analytics';
import type { CacheDb } from '../../cache/database';

export function readDimensions(db: CacheDb): DimensionsData {
  const regions = db
    .prepare('SELECT id, code, nom FROM regions ORDER BY code, id')
    .all() as DimensionsData['regions'];
  const stores = db
    .prepare(
      `SELECT id, region_id, nom, date_ouverture, date_fermeture FROM magasins ORDER BY nom, id`,
    )
    .all() as DimensionsData['stores'];
  const categories = db
    .prepare('SELECT id, code, nom, elasticite FROM categories ORDER BY code, id')
    .all() as DimensionsData['categories'];
  const first = storeDayBound(db, 'min');
  const last = storeDayBound(db, 'max');
  return {
    regions,
    stores,
    categories,
    bounds: first && last ? { first_day: first, last_day: last } : null,
  };
}

/** The last business day with sales in the cache (null: none). Asked by every period request. */
export function lastDayWithSales(db: CacheDb): IsoDate | null {
  return storeDayBound(db, 'max');
}

/**
 * The first or last day of the store × day aggregate (always built on a usable cache), one seek
 * per store on its key (magasin_id, jour): a tenth of a millisecond, where min/max over the
 * whole table scans it (4 ms at 1M lines, more as the history grows).
 */
function storeDayBound(db: CacheDb, fn: 'min' | 'max'): IsoDate | null {
  const row = db
    .prepare(
      `SELECT ${fn}((SELECT ${fn}(a.jour) FROM agg_magasin_jour a WHERE a.magasin_id = s.id)) AS d
       FROM magasins s`,
    )
    .get() as { d: IsoDate | null };
  return row.d;
}
