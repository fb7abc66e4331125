// The dimensions the pickers and the what-if lever editor offer, read from the cache: today's
// regions, stores (with their region and opening dates), categories (with their elasticity) and
// the first and last business day with sales (the default period ends on the last one).
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
  // The store × day aggregate is small (stores × days) and always built on a usable cache.
  const b = db
    .prepare('SELECT min(jour) AS first, max(jour) AS last FROM agg_magasin_jour')
    .get() as {
    first: string | null;
    last: string | null;
  };
  return {
    regions,
    stores,
    categories,
    bounds: b.first && b.last ? { first_day: b.first, last_day: b.last } : null,
  };
}
