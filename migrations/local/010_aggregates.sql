-- Pre-aggregated sales for the analytics engine (docs/analytics.md). Keyed by store and
-- category/product, never by region: a store moving region changes no row (the engine joins
-- today's hierarchy at query time, DOMAIN.md §4). Revenue excl. VAT is derived at query time
-- from ca_ttc per VAT rate. cout uses the product's current prix_achat; a cost change, a
-- recategorisation or a category's VAT-rate change marks the cells concerned dirty.
-- All sums are integer cents / units, accumulated exactly. Lines of an unknown product are left
-- out of every aggregate (they have no category nor cost); the data-quality report lists them.
--
-- Maintenance (src-main/core/analytics/aggregates.ts): rebuilt in full after an initial load,
-- then refreshed cell by cell from agg_dirty_jour / agg_dirty_produit, which triggers fill
-- (created by the rebuild, not here, so a bulk load can run without them).

-- store × day, all categories. tickets = receipts with ≥ 1 line (not additive across categories).
CREATE TABLE agg_magasin_jour (
  magasin_id   INTEGER NOT NULL,
  jour         TEXT    NOT NULL,
  ca_ttc_cents INTEGER NOT NULL,
  cout_cents   INTEGER NOT NULL,
  unites       INTEGER NOT NULL,
  tickets      INTEGER NOT NULL,
  PRIMARY KEY (magasin_id, jour)
) WITHOUT ROWID;

-- store × month (YYYY-MM), Σ of agg_magasin_jour: long periods read 12 rows a store, not 365.
CREATE TABLE agg_magasin_mois (
  magasin_id   INTEGER NOT NULL,
  mois         TEXT    NOT NULL,
  ca_ttc_cents INTEGER NOT NULL,
  cout_cents   INTEGER NOT NULL,
  unites       INTEGER NOT NULL,
  tickets      INTEGER NOT NULL,
  PRIMARY KEY (magasin_id, mois)
) WITHOUT ROWID;

-- store × day × VAT rate (basis points, 0.055 → 550, from the category's current taux_tva):
-- ca_ht of an unfiltered scope = Σ ca_ttc / (1 + rate) without reading category rows. A change of
-- a category's rate marks its cells dirty (trigger), so these rows follow it.
-- cellules: number of store × day × category rows summed (a row exists iff > 0: the monthly rows
-- are maintained by deltas and removed when it falls to 0).
CREATE TABLE agg_tva_jour (
  magasin_id   INTEGER NOT NULL,
  jour         TEXT    NOT NULL,
  taux_bp      INTEGER NOT NULL,
  ca_ttc_cents INTEGER NOT NULL,
  cellules     INTEGER NOT NULL,
  PRIMARY KEY (magasin_id, jour, taux_bp)
) WITHOUT ROWID;

CREATE TABLE agg_tva_mois (
  magasin_id   INTEGER NOT NULL,
  mois         TEXT    NOT NULL,
  taux_bp      INTEGER NOT NULL,
  ca_ttc_cents INTEGER NOT NULL,
  cellules     INTEGER NOT NULL,
  PRIMARY KEY (magasin_id, mois, taux_bp)
) WITHOUT ROWID;

-- store × day × category (current category of the product). tickets = receipts with ≥ 1 line
-- of the category.
CREATE TABLE agg_categorie_jour (
  magasin_id   INTEGER NOT NULL,
  jour         TEXT    NOT NULL,
  categorie_id INTEGER NOT NULL,
  ca_ttc_cents INTEGER NOT NULL,
  cout_cents   INTEGER NOT NULL,
  unites       INTEGER NOT NULL,
  tickets      INTEGER NOT NULL,
  PRIMARY KEY (magasin_id, jour, categorie_id)
) WITHOUT ROWID;

CREATE TABLE agg_categorie_mois (
  magasin_id   INTEGER NOT NULL,
  mois         TEXT    NOT NULL,
  categorie_id INTEGER NOT NULL,
  ca_ttc_cents INTEGER NOT NULL,
  cout_cents   INTEGER NOT NULL,
  unites       INTEGER NOT NULL,
  tickets      INTEGER NOT NULL,
  PRIMARY KEY (magasin_id, mois, categorie_id)
) WITHOUT ROWID;

-- product × day and product × month over all the cache's stores (the user's scope), for the
-- chain-wide product analyses (top products, ABC, price-volume-mix). Not per store: at ~2,000
-- lines a store-month spread over thousands of products, a store × product grain is nearly as
-- large as the detail and a refresh would recompute whole store-months; product × day is
-- recomputed from one day's lines. Store- or region-scoped product figures read the detail.
CREATE TABLE agg_produit_jour (
  jour         TEXT    NOT NULL,
  produit_id   INTEGER NOT NULL,
  ca_ttc_cents INTEGER NOT NULL,
  cout_cents   INTEGER NOT NULL,
  unites       INTEGER NOT NULL,
  tickets      INTEGER NOT NULL,
  PRIMARY KEY (jour, produit_id)
) WITHOUT ROWID;
-- No index by product on the daily rows: maintaining one costs a random b-tree insert per row of
-- every refreshed day; a product's own figures read its lines (lignes_ventes(produit_id)) instead.

CREATE TABLE agg_produit_mois (
  mois         TEXT    NOT NULL,
  produit_id   INTEGER NOT NULL,
  ca_ttc_cents INTEGER NOT NULL,
  cout_cents   INTEGER NOT NULL,
  unites       INTEGER NOT NULL,
  tickets      INTEGER NOT NULL,
  PRIMARY KEY (mois, produit_id)
) WITHOUT ROWID;
CREATE INDEX agg_produit_mois_produit_idx ON agg_produit_mois (produit_id);

-- store × day × Paris hour, all categories, for the seasonality by hour.
CREATE TABLE agg_heure_jour (
  magasin_id   INTEGER NOT NULL,
  jour         TEXT    NOT NULL,
  heure        INTEGER NOT NULL,
  ca_ttc_cents INTEGER NOT NULL,
  unites       INTEGER NOT NULL,
  tickets      INTEGER NOT NULL,
  PRIMARY KEY (magasin_id, jour, heure)
) WITHOUT ROWID;

-- (store, business day) cells whose detail (receipts, lines) changed since the last refresh.
CREATE TABLE agg_dirty_jour (
  magasin_id INTEGER NOT NULL,
  jour       TEXT    NOT NULL,
  PRIMARY KEY (magasin_id, jour)
) WITHOUT ROWID;

-- Products whose category or cost changed (or whose category's VAT rate changed): the cells of
-- their lines and their product rows are recomputed at the next refresh.
CREATE TABLE agg_dirty_produit (
  produit_id INTEGER PRIMARY KEY
);

-- 'built_at': present once a full build completed (absent: the tables are not usable yet).
CREATE TABLE agg_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
