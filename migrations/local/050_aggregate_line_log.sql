-- In-place changes of sale lines since the last aggregate refresh, as deltas. A line whose quantity
-- or price changes while it stays on the same receipt and product (a correction, by far the most
-- common change to past sales) moves no ticket count: what it adds to every grain is the change of
-- its own figures, so the refresh does not need the whole receipt before and after (reading and
-- grouping every line of the receipt twice, in agg_snap_produit, costs several times more).
--
-- Filled by an AFTER UPDATE trigger on lignes_ventes (created by the aggregate rebuild,
-- src-main/core/analytics/aggregates.ts) only while the line's receipt is not in agg_snap_vente;
-- emptied by every refresh and rebuild. The cost is not kept: for a product whose cost did not
-- change it is Δunites × prix_achat; a product whose cost or category changed is recomputed from
-- the detail.
CREATE TABLE agg_log_ligne (
  vente_id     INTEGER NOT NULL,
  produit_id   INTEGER NOT NULL,
  -- Δ (quantite × prix_unitaire_cents)
  ca_ttc_cents INTEGER NOT NULL,
  -- Δ quantite
  unites       INTEGER NOT NULL
);
