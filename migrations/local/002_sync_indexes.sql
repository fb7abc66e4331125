-- Secondary indexes of the mirrored tables that the sync relies on: every foreign key's child
-- side (SQLite looks children up on each parent delete / cascade, a full scan without an index)
-- and the store of a sale (rows of a store leaving the user's scope are deleted by it).
-- The analytics engine needs ventes(magasin_id, jour), lignes_ventes(vente_id) and
-- lignes_ventes(produit_id) too (src-main/core/analytics/aggregates.ts creates them only when no
-- index already leads with those columns).
--
-- Hazard for whoever adds an index here: the initial load drops every secondary index of the
-- mirrored tables before its bulk inserts and recreates them (from sqlite_master's SQL) in its
-- final transaction, so indexes must be plain CREATE INDEX statements.

CREATE INDEX magasins_region_id_idx ON magasins (region_id);
CREATE INDEX produits_categorie_id_idx ON produits (categorie_id);
CREATE INDEX ventes_magasin_jour_idx ON ventes (magasin_id, jour);
CREATE INDEX ventes_client_id_idx ON ventes (client_id);
CREATE INDEX lignes_ventes_vente_id_idx ON lignes_ventes (vente_id);
CREATE INDEX lignes_ventes_produit_id_idx ON lignes_ventes (produit_id);
