-- The laptop's cache: a mirror of the central tables the user's role may see, plus sync state.
-- Money is stored as integer cents (exact sums); the Paris business day and hour of a sale are
-- computed by PostgreSQL during the sync (DOMAIN.md §2) so the cache never needs a tz database.

CREATE TABLE regions (
  id   INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  nom  TEXT NOT NULL
);

CREATE TABLE magasins (
  id                INTEGER PRIMARY KEY,
  region_id         INTEGER NOT NULL REFERENCES regions (id),
  nom               TEXT NOT NULL,
  objectif_ca_cents INTEGER NOT NULL,
  date_ouverture    TEXT,             -- YYYY-MM-DD or NULL (open since ever)
  date_fermeture    TEXT              -- YYYY-MM-DD or NULL (open)
);

CREATE TABLE categories (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL,
  nom        TEXT NOT NULL,
  taux_tva   REAL NOT NULL,
  elasticite REAL NOT NULL
);

CREATE TABLE produits (
  id               INTEGER PRIMARY KEY,
  categorie_id     INTEGER NOT NULL REFERENCES categories (id),
  sku              TEXT NOT NULL,
  prix_achat_cents INTEGER NOT NULL,
  prix_vente_cents INTEGER NOT NULL,
  libelle          TEXT
);

CREATE TABLE clients (
  id INTEGER PRIMARY KEY
);

CREATE TABLE ventes (
  id                INTEGER PRIMARY KEY,
  magasin_id        INTEGER NOT NULL REFERENCES magasins (id),
  client_id         INTEGER REFERENCES clients (id),
  date_vente        TEXT NOT NULL,    -- ISO 8601 instant, UTC
  jour              TEXT NOT NULL,    -- business day in Europe/Paris, YYYY-MM-DD
  heure             INTEGER NOT NULL, -- hour of day in Europe/Paris, 0..23
  montant_ttc_cents INTEGER NOT NULL
);

CREATE TABLE lignes_ventes (
  id                  INTEGER PRIMARY KEY,
  vente_id            INTEGER NOT NULL REFERENCES ventes (id) ON DELETE CASCADE,
  produit_id          INTEGER NOT NULL REFERENCES produits (id),
  magasin_id          INTEGER NOT NULL,
  quantite            INTEGER NOT NULL,
  prix_unitaire_cents INTEGER NOT NULL
);

-- Sync bookkeeping. `checkpoint` is present only once a sync has fully committed: readers use
-- it to know whether the cache holds a complete, consistent copy.
CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE sync_history (
  id          INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,
  ended_at    TEXT,
  status      TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
  mode        TEXT,
  rows_json   TEXT,
  checkpoint  TEXT,
  error       TEXT
);
