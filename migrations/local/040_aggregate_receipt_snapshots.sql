-- Receipts touched since the last aggregate refresh, with what they contributed to the aggregates
-- at that refresh. Recomputing aggregate rows from the detail means reading whole cells (a store's
-- day; for the product grain, which sums every store, the whole chain's day): for changes spread
-- over the history (corrections, returns) that is nearly a rebuild. Instead the refresh subtracts
-- each touched receipt's old contribution (kept here) and adds its current one, at a cost that
-- follows the number of changed receipts, not the size of the cache.
--
-- Filled by BEFORE triggers on ventes, lignes_ventes and magasins (created by the aggregate
-- rebuild, src-main/core/analytics/aggregates.ts) the first time a receipt is touched after a
-- refresh; emptied by every refresh and rebuild.

-- A receipt present here has its old contribution in agg_snap_produit (possibly none: a new one).
CREATE TABLE agg_snap_vente (
  vente_id INTEGER PRIMARY KEY
);

-- One row per (receipt, product) of a snapshotted receipt, as counted at the last refresh, with
-- the receipt's store, day and hour then. The product's category is not kept: a product whose
-- category (or cost) changed is "dirty" and its cells are recomputed from the detail instead.
-- cout_cents is NULL for lines of a product unknown to the cache (left out of every aggregate).
CREATE TABLE agg_snap_produit (
  vente_id     INTEGER NOT NULL,
  produit_id   INTEGER NOT NULL,
  magasin_id   INTEGER NOT NULL,
  jour         TEXT    NOT NULL,
  heure        INTEGER NOT NULL,
  ca_ttc_cents INTEGER NOT NULL,
  cout_cents   INTEGER,
  unites       INTEGER NOT NULL,
  PRIMARY KEY (vente_id, produit_id)
) WITHOUT ROWID;
