-- What-if scenarios: the user's own work, kept in the cache beside the mirrored data. A sync never
-- touches these tables (it only writes the mirrored tables, the aggregates and its own state), and
-- they reference no mirrored row: a scenario naming a store that later leaves the user's scope
-- stays saved and says so when it is run. Each save keeps the version it replaces in
-- scenario_history (src-main/core/whatif/scenario-store.ts).

CREATE TABLE scenarios (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,  -- "Hausse prix" and "hausse prix" are one scenario
  json       TEXT NOT NULL,                        -- the scenario file (src-shared/domain/scenario.ts)
  version    INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE scenario_history (
  id          INTEGER PRIMARY KEY,
  scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  version     INTEGER NOT NULL,
  name        TEXT NOT NULL,
  json        TEXT NOT NULL,
  saved_at    TEXT NOT NULL,   -- when this version had been saved (its updated_at)
  replaced_at TEXT NOT NULL,   -- when a later save replaced it
  UNIQUE (scenario_id, version)
);
