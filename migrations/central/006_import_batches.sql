-- Data import by admins (docs/import.md): the import log, a batch id on every importable row,
-- and what an admin needs to import explicit ids.
--
-- import_batch_id is a plain nullable column (default NULL): writers that never heard of
-- imports still insert with only the DOMAIN.md §1 columns. No foreign key to the log: it would
-- cost a lookup per imported row and nothing ever deletes a batch row (a rollback marks it).

SET LOCAL ROLE epm_owner;

CREATE TABLE epm.import_batches (
  id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind           text        NOT NULL
                             CHECK (kind IN ('receipts', 'products', 'categories', 'stores', 'regions', 'customers')),
  file_name      text        NOT NULL,
  sha256         text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  login          text        NOT NULL DEFAULT current_user,
  -- imported: every row; partial: --accept-valid-rows left some out; rolled_back: undone.
  status         text        NOT NULL CHECK (status IN ('imported', 'partial', 'rolled_back')),
  rows_read      integer     NOT NULL CHECK (rows_read >= 0),
  rows_imported  integer     NOT NULL CHECK (rows_imported >= 0),
  rows_rejected  integer     NOT NULL CHECK (rows_rejected >= 0),
  -- Rows written per table, e.g. {"ventes": 200000, "lignes_ventes": 1000000}.
  counts         jsonb       NOT NULL DEFAULT '{}',
  -- Milliseconds per phase (read, validate, write, total).
  timings        jsonb       NOT NULL DEFAULT '{}',
  -- The importing transaction: rows still stamped with it (sync_txid) were not changed since.
  txid           xid8        NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
  started_at     timestamptz NOT NULL,
  ended_at       timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
  rolled_back_at timestamptz,
  rolled_back_by text,
  CONSTRAINT import_batches_rollback_recorded
    CHECK ((status = 'rolled_back') = (rolled_back_at IS NOT NULL))
);
-- The same file (by content) is imported once per kind, unless its batch was rolled back.
CREATE UNIQUE INDEX import_batches_file_once ON epm.import_batches (sha256, kind)
  WHERE rolled_back_at IS NULL;
CREATE INDEX import_batches_ended_idx ON epm.import_batches (ended_at DESC);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['regions', 'magasins', 'categories', 'produits', 'clients', 'ventes', 'lignes_ventes'] LOOP
    EXECUTE pg_catalog.format('ALTER TABLE public.%I ADD COLUMN import_batch_id bigint', t);
    -- Partial: rows from other writers (NULL) cost nothing; rollback finds a batch's rows fast.
    -- Not on lignes_ventes: a million-line import would maintain it for every line, and a
    -- rollback reaches the lines through their tickets (ON DELETE CASCADE) or one scan.
    CONTINUE WHEN t = 'lignes_ventes';
    EXECUTE pg_catalog.format(
      'CREATE INDEX %I ON public.%I (import_batch_id) WHERE import_batch_id IS NOT NULL',
      t || '_import_batch_id_idx', t);
  END LOOP;
END $$;

-- Only admins import, list and roll back (DOMAIN.md §6); the log is never deleted from.
GRANT SELECT, INSERT, UPDATE ON epm.import_batches TO epm_admin;
ALTER TABLE epm.import_batches ENABLE ROW LEVEL SECURITY;
ALTER TABLE epm.import_batches FORCE ROW LEVEL SECURITY;
CREATE POLICY admin_all ON epm.import_batches FOR ALL TO epm_admin
  USING ((SELECT epm.is_admin())) WITH CHECK ((SELECT epm.is_admin()));

-- Stores, customers and tickets are imported with their own numbers (magasins.id, clients.id,
-- ventes.id); the import then moves the identity sequence past them (setval needs UPDATE,
-- reading its position SELECT), so that writers relying on the default do not collide.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['magasins', 'clients', 'ventes'] LOOP
    EXECUTE pg_catalog.format('GRANT SELECT, UPDATE ON SEQUENCE %s TO epm_admin',
                              pg_catalog.pg_get_serial_sequence('public.' || t, 'id'));
  END LOOP;
END $$;
