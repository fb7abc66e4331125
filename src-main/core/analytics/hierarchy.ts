// Today's dimensions, read from the cache at each query (a few hundred rows): the organisation
// (group → region → store) and the categories with their VAT rate. Figures are always
// consolidated with this current hierarchy, whatever the period (restated view, DOMAIN.md §4).
import { AppError } from '../../../src-shared/errors';
import type { ScopeFilter } from '../../../src-shared/domain/analytics';
import type { CacheDb } from '../cache/database';
import { cached } from './statements';

export interface Region {
  id: number;
  code: string;
  nom: string;
}

export interface Store {
  id: number;
  regionId: number;
  nom: string;
  objectifCaCents: number;
  dateOuverture: string | null;
  dateFermeture: string | null;
}

export interface Category {
  id: number;
  code: string;
  nom: string;
  /** VAT rate in basis points (0.055 → 550), exact for the central numeric(6,4). */
  tvaBp: number;
}

export interface Product {
  id: number;
  sku: string;
  libelle: string | null;
  categorieId: number;
}

export interface Hierarchy {
  regions: Region[];
  stores: Store[];
  categories: Category[];
  regionById: Map<number, Region>;
  categoryById: Map<number, Category>;
}

export function loadHierarchy(db: CacheDb): Hierarchy {
  const regions = cached(
    db,
    'SELECT id, code, nom FROM regions ORDER BY code, id',
  ).all() as Region[];
  const stores = cached(
    db,
    `SELECT id, region_id AS regionId, nom, objectif_ca_cents AS objectifCaCents,
       date_ouverture AS dateOuverture, date_fermeture AS dateFermeture
     FROM magasins ORDER BY id`,
  ).all() as Store[];
  const categories = (
    cached(db, 'SELECT id, code, nom, taux_tva FROM categories ORDER BY code, id').all() as {
      id: number;
      code: string;
      nom: string;
      taux_tva: number;
    }[]
  ).map((c) => ({ id: c.id, code: c.code, nom: c.nom, tvaBp: Math.round(c.taux_tva * 10_000) }));
  return {
    regions,
    stores,
    categories,
    regionById: new Map(regions.map((r) => [r.id, r])),
    categoryById: new Map(categories.map((c) => [c.id, c])),
  };
}

export function findProductBySku(db: CacheDb, sku: string): Product | undefined {
  return cached(
    db,
    'SELECT id, sku, libelle, categorie_id AS categorieId FROM produits WHERE sku = ?',
  ).get(sku) as Product | undefined;
}

/** A filter resolved against the cache: the stores in scope and the product side of the scope. */
export interface ResolvedScope {
  stores: Store[];
  category: Category | null;
  product: Product | null;
  /** True when the category and product filters exclude each other: nothing can match. */
  empty: boolean;
}

/**
 * Resolves region code / store id / category code / product SKU. An unknown code or id is a
 * NOT_FOUND error (a typo must not silently print zeros); filters that do not intersect (a store
 * outside the region) give an empty scope.
 */
export function resolveScope(db: CacheDb, h: Hierarchy, f: ScopeFilter): ResolvedScope {
  let stores = h.stores;
  if (f.region !== undefined) {
    const region = h.regions.find((r) => r.code === f.region);
    if (!region) throw new AppError('NOT_FOUND', `region "${f.region}" is not in the cache`);
    stores = stores.filter((s) => s.regionId === region.id);
  }
  if (f.store !== undefined) {
    if (!h.stores.some((s) => s.id === f.store)) {
      throw new AppError('NOT_FOUND', `store ${f.store} is not in the cache`);
    }
    stores = stores.filter((s) => s.id === f.store);
  }
  let category: Category | null = null;
  if (f.category !== undefined) {
    category = h.categories.find((c) => c.code === f.category) ?? null;
    if (!category) throw new AppError('NOT_FOUND', `category "${f.category}" is not in the cache`);
  }
  let product: Product | null = null;
  if (f.product !== undefined) {
    product = findProductBySku(db, f.product) ?? null;
    if (!product) throw new AppError('NOT_FOUND', `product "${f.product}" is not in the cache`);
  }
  const empty = category !== null && product !== null && product.categorieId !== category.id;
  return { stores, category, product, empty };
}
