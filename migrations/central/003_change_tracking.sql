-- Change tracking for the incremental sync, maintained by triggers so that writers (POS, ERP)
-- using only the DOMAIN.md §1 columns are tracked without cooperating.
--
-- Every data table carries sync_txid: the id of the last transaction that inserted or updated
-- the row (a BEFORE trigger overwrites whatever a writer supplies). Rows that left a table
-- are written to epm.tombstones by the same transaction. The sync keeps as checkpoint the
-- snapshot of its own REPEATABLE READ transaction (pg_current_snapshot()); what changed since
-- checkpoint C is
--     sync_txid >= pg_snapshot_xmin(C) AND NOT pg_visible_in_snapshot(sync_txid, C)
-- i.e. epm.changed_since(C, sync_txid). A transaction still running when C was taken is in
-- C's in-progress list, so its rows reach the next sync however late it commits; wall-clock
-- "updated_at" watermarks lose exactly those rows.
--
-- A tombstone means "this row id left this table for the scope carried by magasin_id /
-- region_id": a DELETE, an UPDATE of the id (the old id), or a sale (or sale line) moved to
-- another store (the old store's users must drop it). A sync applies the tombstones of a batch
-- BEFORE its upserts: the rows it reads are the current state, so a row that was deleted and
-- re-inserted, or moved, is restored by the upsert.
--
-- TRUNCATE cannot leave tombstones; it advances the tracking horizon instead (see
-- epm.can_sync_incrementally), as purging old tombstones does, so laptops whose checkpoint is
-- older reload in full.

SET LOCAL ROLE epm_owner;

CREATE TABLE epm.tombstones (
  id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  table_name text        NOT NULL CHECK (table_name IN
               ('regions', 'magasins', 'categories', 'produits', 'clients', 'ventes', 'lignes_ventes')),
  row_id     bigint      NOT NULL,
  -- Scope of the row when it left: the store (ventes, lignes_ventes, magasins: the store itself)
  -- and its region (magasins, ventes, lignes_ventes; regions: the region itself).
  magasin_id bigint,
  region_id  bigint,
  sync_txid  xid8        NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
  deleted_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
CREATE INDEX tombstones_sync_txid_idx ON epm.tombstones (sync_txid);
CREATE INDEX tombstones_deleted_at_idx ON epm.tombstones (deleted_at);

-- Key/value settings of the central database. tracking_horizon_txid is written only by the
-- functions below; tombstone_retention_days may be changed by an admin.
CREATE TABLE epm.settings (
  key   text PRIMARY KEY,
  value text NOT NULL,
  CONSTRAINT settings_retention_is_days
    CHECK (key <> 'tombstone_retention_days' OR value ~ '^[0-9]{1,5}$')
);
INSERT INTO epm.settings (key, value) VALUES ('tombstone_retention_days', '90');

-- The snapshot predicate. IMMUTABLE plain SQL so the planner inlines it and can use the
-- sync_txid index for the range part.
CREATE FUNCTION epm.changed_since(snapshot pg_snapshot, t xid8) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT t >= pg_catalog.pg_snapshot_xmin(snapshot)
         AND NOT pg_catalog.pg_visible_in_snapshot(t, snapshot)
$$;

-- Tombstones (or whole tables, for TRUNCATE) of transactions up to the horizon may be gone.
-- Only ever moves forward.
CREATE FUNCTION epm.advance_tracking_horizon(t xid8) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
  INSERT INTO epm.settings AS s (key, value) VALUES ('tracking_horizon_txid', t::text)
  ON CONFLICT (key) DO UPDATE
    SET value = GREATEST(s.value::xid8, EXCLUDED.value::xid8)::text
$$;

-- Whether an incremental sync from this checkpoint sees every delete since it. False when a
-- purge or TRUNCATE may have removed tombstones the laptop has not received: reload in full.
-- Every purged txid is <= the horizon; if the horizon is below the checkpoint's xmin, all of
-- them were already committed (hence applied) when the checkpoint was taken.
CREATE FUNCTION epm.can_sync_incrementally(checkpoint pg_snapshot) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
  SELECT NOT EXISTS (
    SELECT FROM epm.settings
    WHERE key = 'tracking_horizon_txid'
      AND value::xid8 >= pg_catalog.pg_snapshot_xmin(checkpoint)
  )
$$;

-- Deletes tombstones older than tombstone_retention_days and returns how many; laptops whose
-- checkpoint predates them are sent to a full reload by epm.can_sync_incrementally.
CREATE FUNCTION epm.purge_tombstones() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  retention_days integer;
  purged bigint;
  newest xid8;
BEGIN
  SELECT s.value::integer INTO retention_days FROM epm.settings s WHERE s.key = 'tombstone_retention_days';
  WITH gone AS (
    DELETE FROM epm.tombstones
    WHERE deleted_at < now() - make_interval(days => coalesce(retention_days, 90))
    RETURNING sync_txid
  )
  SELECT count(*), max(sync_txid) INTO purged, newest FROM gone;
  IF newest IS NOT NULL THEN
    PERFORM epm.advance_tracking_horizon(newest);
  END IF;
  RETURN purged;
END
$$;

-- BEFORE INSERT OR UPDATE on every data table. Invoker rights and no SET clause: it runs for
-- every row of bulk loads.
CREATE FUNCTION epm.stamp_sync_txid() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.sync_txid := pg_catalog.pg_current_xact_id();
  RETURN NEW;
END
$$;

-- AFTER DELETE, once per statement with the deleted rows as a transition table (a bulk delete
-- costs one INSERT ... SELECT, not one call per row). Security definer: writers have no
-- privilege on epm.tombstones.
CREATE FUNCTION epm.record_deleted_rows() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- Each branch is planned only when it runs, so it may name columns other tables lack.
  CASE TG_TABLE_NAME
    WHEN 'ventes', 'lignes_ventes' THEN
      INSERT INTO epm.tombstones (table_name, row_id, magasin_id, region_id)
      SELECT TG_TABLE_NAME, o.id, o.magasin_id, m.region_id
      FROM old_rows o LEFT JOIN public.magasins m ON m.id = o.magasin_id;
    WHEN 'magasins' THEN
      INSERT INTO epm.tombstones (table_name, row_id, magasin_id, region_id)
      SELECT TG_TABLE_NAME, o.id, o.id, o.region_id FROM old_rows o;
    WHEN 'regions' THEN
      INSERT INTO epm.tombstones (table_name, row_id, region_id)
      SELECT TG_TABLE_NAME, o.id, o.id FROM old_rows o;
    ELSE
      INSERT INTO epm.tombstones (table_name, row_id)
      SELECT TG_TABLE_NAME, o.id FROM old_rows o;
  END CASE;
  RETURN NULL;
END
$$;

-- AFTER UPDATE, per row, only for rows whose id changed (every table) or whose store changed
-- (ventes, lignes_ventes): the trigger's WHEN clause filters, so ordinary updates cost nothing.
CREATE FUNCTION epm.record_row_left() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'ventes', 'lignes_ventes' THEN
      INSERT INTO epm.tombstones (table_name, row_id, magasin_id, region_id)
      VALUES (TG_TABLE_NAME, OLD.id, OLD.magasin_id,
              (SELECT m.region_id FROM public.magasins m WHERE m.id = OLD.magasin_id));
    WHEN 'magasins' THEN
      INSERT INTO epm.tombstones (table_name, row_id, magasin_id, region_id)
      VALUES (TG_TABLE_NAME, OLD.id, OLD.id, OLD.region_id);
    WHEN 'regions' THEN
      INSERT INTO epm.tombstones (table_name, row_id, region_id) VALUES (TG_TABLE_NAME, OLD.id, OLD.id);
    ELSE
      INSERT INTO epm.tombstones (table_name, row_id) VALUES (TG_TABLE_NAME, OLD.id);
  END CASE;
  RETURN NULL;
END
$$;

-- AFTER TRUNCATE: no row-level record is possible, so every older checkpoint becomes unusable.
CREATE FUNCTION epm.record_truncate() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM epm.advance_tracking_horizon(pg_current_xact_id());
  RETURN NULL;
END
$$;

-- sync_txid everywhere. Existing rows get the migration's transaction id, so a laptop synced
-- before this migration sees them as changed (it has no checkpoint anyway).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['regions', 'magasins', 'categories', 'produits', 'clients', 'ventes', 'lignes_ventes'] LOOP
    EXECUTE pg_catalog.format(
      'ALTER TABLE public.%1$I ADD COLUMN sync_txid xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id()', t);
    EXECUTE pg_catalog.format('CREATE INDEX %1$I ON public.%2$I (sync_txid)', t || '_sync_txid_idx', t);
    EXECUTE pg_catalog.format(
      'CREATE TRIGGER epm_stamp_sync_txid BEFORE INSERT OR UPDATE ON public.%1$I '
      'FOR EACH ROW EXECUTE FUNCTION epm.stamp_sync_txid()', t);
    EXECUTE pg_catalog.format(
      'CREATE TRIGGER epm_record_deleted_rows AFTER DELETE ON public.%1$I '
      'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION epm.record_deleted_rows()', t);
    EXECUTE pg_catalog.format(
      'CREATE TRIGGER epm_record_truncate AFTER TRUNCATE ON public.%1$I '
      'FOR EACH STATEMENT EXECUTE FUNCTION epm.record_truncate()', t);
    IF t IN ('ventes', 'lignes_ventes') THEN
      CONTINUE; -- their own WHEN clause below also covers a change of store
    END IF;
    EXECUTE pg_catalog.format(
      'CREATE TRIGGER epm_record_row_left AFTER UPDATE ON public.%1$I FOR EACH ROW '
      'WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION epm.record_row_left()', t);
  END LOOP;
END $$;

-- lignes_ventes.magasin_id: the store of the line's sale, denormalised so that row-level
-- security and the sync filter lines without a join. Writers need not (and cannot) set it: a
-- BEFORE trigger copies it from the sale, and a sale moved to another store carries its lines.
ALTER TABLE public.lignes_ventes ADD COLUMN magasin_id bigint;
UPDATE public.lignes_ventes l SET magasin_id = v.magasin_id FROM public.ventes v WHERE v.id = l.vente_id;
CREATE INDEX lignes_ventes_magasin_id_idx ON public.lignes_ventes (magasin_id);

-- Invoker rights: only epm_admin, epm_writer and superusers may write lines, and all of them see
-- every sale. The foreign key on vente_id rejects a missing sale at the end of the statement.
CREATE FUNCTION epm.fill_ligne_magasin_id() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'INSERT'
     OR NEW.vente_id IS DISTINCT FROM OLD.vente_id
     OR NEW.magasin_id IS DISTINCT FROM OLD.magasin_id THEN
    NEW.magasin_id := (SELECT v.magasin_id FROM public.ventes v WHERE v.id = NEW.vente_id);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER epm_fill_magasin_id BEFORE INSERT OR UPDATE ON public.lignes_ventes
  FOR EACH ROW EXECUTE FUNCTION epm.fill_ligne_magasin_id();

-- A sale moved to another store: its lines follow (their sync_txid moves with them).
CREATE FUNCTION epm.propagate_vente_magasin() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE public.lignes_ventes SET magasin_id = NEW.magasin_id WHERE vente_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER epm_propagate_magasin AFTER UPDATE ON public.ventes FOR EACH ROW
  WHEN (OLD.magasin_id IS DISTINCT FROM NEW.magasin_id)
  EXECUTE FUNCTION epm.propagate_vente_magasin();

CREATE TRIGGER epm_record_row_left AFTER UPDATE ON public.ventes FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.magasin_id IS DISTINCT FROM NEW.magasin_id)
  EXECUTE FUNCTION epm.record_row_left();
CREATE TRIGGER epm_record_row_left AFTER UPDATE ON public.lignes_ventes FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.magasin_id IS DISTINCT FROM NEW.magasin_id)
  EXECUTE FUNCTION epm.record_row_left();
