// The small reference tables of the demo (regions, stores, categories, products, and the
// parameters that drive each store's sales), generated in TypeScript from the seed: a few
// thousand rows, readable code, and the same result on every machine.
import { BRANDS, CATEGORIES, REGIONS, STORE_SITES, type CategorySpec } from './catalog';
import { addDays, daysBetween } from './calendar';
import { STREAM, pick, uniform } from './random';

export interface DemoRegion {
  id: number;
  code: string;
  nom: string;
}

export interface DemoStore {
  id: number;
  region_id: number;
  nom: string;
  date_ouverture: string | null;
  date_fermeture: string | null;
  /** Relative footfall (1 = a typical store); drives sales and the annual target. */
  size: number;
  /** Yearly growth rate of the store's sales over the history. */
  growth: number;
  /** Whether the store opens on Sunday mornings. */
  sunday: boolean;
  /** Share of anonymous receipts (no loyalty card) in this store. */
  anonymous: number;
}

export interface DemoCategory {
  id: number;
  code: string;
  nom: string;
  taux_tva: number;
  elasticite: number;
  traffic: number;
  first_product: number;
  products: number;
}

export interface DemoProduct {
  id: number;
  categorie_id: number;
  sku: string;
  libelle: string;
  prix_achat: number;
  prix_vente: number;
}

export interface ReferenceData {
  regions: DemoRegion[];
  stores: DemoStore[];
  categories: DemoCategory[];
  products: DemoProduct[];
}

export const PRODUCT_COUNT = 5000;
/** Stores opened during the history, and stores closed during it. */
const NEW_STORES = 9;
const CLOSED_STORES = 3;

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Shelf prices end in 9: 2.49, 12.99, 149.99. */
function shelfPrice(p: number): number {
  if (p < 10) return Math.max(0.29, round2(Math.round(p * 10) / 10 - 0.01));
  if (p < 100) return round2(Math.round(p) - 0.01);
  return round2(Math.round(p / 10) * 10 - 0.01);
}

/** EAN-13 with a French prefix; unique per product id. */
function ean13(id: number): string {
  const body = `3760${String(id).padStart(8, '0')}`;
  const sum = [...body].reduce((s, c, i) => s + Number(c) * (i % 2 === 0 ? 1 : 3), 0);
  return body + String((10 - (sum % 10)) % 10);
}

/** Splits `total` into integer parts proportional to weights (largest remainder). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i]! += 1;
  }
  return parts;
}

function buildStores(seed: number, start: string, today: string): DemoStore[] {
  const historyDays = daysBetween(start, today) + 1;
  const stores: DemoStore[] = [];
  const names = new Set<string>();
  REGIONS.forEach((region, r) => {
    for (let j = 0; j < region.stores; j++) {
      const id = stores.length + 1;
      const town = region.towns[j % region.towns.length]!;
      let nom = `${town} ${pick(seed, STREAM.storeName, id, STORE_SITES)}`;
      for (let k = 2; names.has(nom); k++)
        nom = `${town} ${STORE_SITES[(id + k) % STORE_SITES.length]}`;
      names.add(nom);
      // Roughly log-normal sizes: a few hypermarkets, many mid-size stores, some small ones.
      const z =
        (uniform(seed, STREAM.storeSize, id * 3) +
          uniform(seed, STREAM.storeSize, id * 3 + 1) +
          uniform(seed, STREAM.storeSize, id * 3 + 2) -
          1.5) *
        2;
      stores.push({
        id,
        region_id: r + 1,
        nom,
        date_ouverture: null,
        date_fermeture: null,
        size: Math.round(Math.exp(0.45 * z) * 1000) / 1000,
        growth: Math.round((-0.04 + 0.14 * uniform(seed, STREAM.storeGrowth, id)) * 10000) / 10000,
        sunday: uniform(seed, STREAM.storeSunday, id) < 0.35,
        anonymous: Math.round((0.32 + 0.16 * uniform(seed, STREAM.storeAnon, id)) * 1000) / 1000,
      });
    }
  });
  // A seeded shuffle decides which stores open or close during the history.
  const order = [...stores].sort(
    (a, b) => uniform(seed, STREAM.storeOpening, a.id) - uniform(seed, STREAM.storeOpening, b.id),
  );
  order.forEach((s, k) => {
    const u = uniform(seed, STREAM.storeOpening, 1000 + s.id);
    if (k < NEW_STORES) {
      s.date_ouverture = addDays(start, 45 + Math.floor(u * (historyDays - 165)));
    } else {
      // Older stores: opened before the history, or "open since ever" (NULL).
      s.date_ouverture = u < 0.35 ? null : addDays(start, -30 - Math.floor(u * 9000));
      if (k < NEW_STORES + CLOSED_STORES) {
        s.date_fermeture = addDays(start, 240 + Math.floor(u * (historyDays - 285)));
      }
    }
  });
  return stores;
}

function buildProducts(
  seed: number,
  categories: DemoCategory[],
  specs: readonly CategorySpec[],
): DemoProduct[] {
  const products: DemoProduct[] = [];
  categories.forEach((cat, c) => {
    const spec = specs[c]!;
    for (let k = 0; k < cat.products; k++) {
      const id = cat.first_product + k;
      const [lo, hi] = spec.price;
      const prix_vente = shelfPrice(lo * (hi / lo) ** uniform(seed, STREAM.productPrice, id));
      const margin =
        spec.margin[0] +
        (spec.margin[1] - spec.margin[0]) * uniform(seed, STREAM.productMargin, id);
      // A few loss leaders ("produits d'appel") cost more than their shelf price.
      const loss = uniform(seed, STREAM.productLoss, id);
      const prix_achat =
        loss < 0.006
          ? round2(prix_vente * (1.02 + 10 * loss))
          : Math.max(0.01, round2((prix_vente / (1 + cat.taux_tva)) * (1 - margin)));
      const libelle = [
        pick(seed, STREAM.productName, id * 3, spec.nouns),
        pick(seed, STREAM.productName, id * 3 + 1, BRANDS),
        pick(seed, STREAM.productName, id * 3 + 2, spec.formats),
      ].join(' ');
      products.push({ id, categorie_id: cat.id, sku: ean13(id), libelle, prix_achat, prix_vente });
    }
  });
  return products;
}

export function buildReferenceData(seed: number, start: string, today: string): ReferenceData {
  const regions = REGIONS.map((r, i) => ({ id: i + 1, code: r.code, nom: r.nom }));
  const counts = allocate(
    PRODUCT_COUNT,
    CATEGORIES.map((c) => c.assortment),
  );
  let next = 1;
  const categories = CATEGORIES.map((c, i) => {
    const cat: DemoCategory = {
      id: i + 1,
      code: c.code,
      nom: c.nom,
      taux_tva: c.taux_tva,
      elasticite: c.elasticite,
      traffic: c.traffic,
      first_product: next,
      products: counts[i]!,
    };
    next += counts[i]!;
    return cat;
  });
  return {
    regions,
    stores: buildStores(seed, start, today),
    categories,
    products: buildProducts(seed, categories, CATEGORIES),
  };
}
