-- Users, their scope, and row-level security (DOMAIN.md §6). A laptop connects as the user's own
-- login role; the policies below decide which rows exist for it, so rows outside the scope never
-- leave the server.
--
-- Who is who: a login is a member of one group role (privileges: which commands) and has a row
-- in epm.utilisateurs (which rows). An unregistered login sees nothing, whatever its groups.
-- Feeding systems (POS, ERP) are members of epm_writer and are not product users.
--
-- Every table here has ROW LEVEL SECURITY ENABLEd and FORCEd, so even the owner role is
-- filtered. The owner gets explicit policies only where the security-definer functions below
-- need them (reading the scope, writing tombstones). Hazard: a later migration that changes
-- DATA must do so before its SET LOCAL ROLE epm_owner (as the migrating superuser), otherwise
-- its UPDATE/DELETE silently matches no row.

SET LOCAL ROLE epm_owner;

CREATE TABLE epm.utilisateurs (
  login      text        PRIMARY KEY CHECK (login ~ '^[a-z][a-z0-9_]{2,62}$'),
  role       text        NOT NULL CHECK (role IN ('admin', 'directeur', 'manager', 'analyste')),
  created_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);

-- Scope rows vanish with the region / store they name (the writer deleting it need not know
-- about users); the sync notices the smaller scope through epm.visible_magasin_ids().
CREATE TABLE epm.utilisateur_regions (
  login     text   NOT NULL REFERENCES epm.utilisateurs (login) ON DELETE CASCADE,
  region_id bigint NOT NULL REFERENCES public.regions (id) ON DELETE CASCADE,
  PRIMARY KEY (login, region_id)
);
CREATE INDEX utilisateur_regions_region_id_idx ON epm.utilisateur_regions (region_id);

CREATE TABLE epm.utilisateur_magasins (
  login      text   NOT NULL REFERENCES epm.utilisateurs (login) ON DELETE CASCADE,
  magasin_id bigint NOT NULL REFERENCES public.magasins (id) ON DELETE CASCADE,
  PRIMARY KEY (login, magasin_id)
);
CREATE INDEX utilisateur_magasins_magasin_id_idx ON epm.utilisateur_magasins (magasin_id);

-- Scope functions. They run as the owner (they read tables the caller may not) and take the
-- login as an argument whose DEFAULT, current_user, is evaluated by the CALLER: `epm.app_role()`
-- inside a policy means the querying role. A caller naming another login gets nothing unless its
-- session user is a member of that role (a superuser testing with SET ROLE, for instance).

CREATE FUNCTION epm.app_role(who name DEFAULT CURRENT_USER) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF who IS DISTINCT FROM session_user AND NOT EXISTS (
    SELECT FROM pg_catalog.pg_roles r
    WHERE r.rolname = who AND pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER')
  ) THEN
    RETURN NULL;
  END IF;
  RETURN (SELECT u.role FROM epm.utilisateurs u WHERE u.login = who::text);
END
$$;

CREATE FUNCTION epm.is_admin(who name DEFAULT CURRENT_USER) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
  SELECT coalesce(epm.app_role(who) = 'admin', false)
$$;

-- Sees every row: registered admins and analysts, and feeding systems.
CREATE FUNCTION epm.is_global_reader(who name DEFAULT CURRENT_USER) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
  SELECT coalesce(epm.app_role(who) IN ('admin', 'analyste'), false)
      OR EXISTS (
        SELECT FROM pg_catalog.pg_roles r
        WHERE r.rolname = who AND pg_catalog.pg_has_role(r.oid, 'epm_writer', 'MEMBER')
      )
$$;

-- Regions whose rows the user sees: all for global readers, the assigned ones for a director,
-- the regions of a manager's stores (so a store's parent exists in the laptop's hierarchy).
CREATE FUNCTION epm.visible_region_ids(who name DEFAULT CURRENT_USER) RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  user_role text := epm.app_role(who);
  ids bigint[];
BEGIN
  IF epm.is_global_reader(who) THEN
    SELECT array_agg(r.id ORDER BY r.id) INTO ids FROM public.regions r;
  ELSIF user_role = 'directeur' THEN
    SELECT array_agg(ur.region_id ORDER BY ur.region_id) INTO ids
    FROM epm.utilisateur_regions ur WHERE ur.login = who::text;
  ELSIF user_role = 'manager' THEN
    SELECT array_agg(DISTINCT m.region_id ORDER BY m.region_id) INTO ids
    FROM epm.utilisateur_magasins um JOIN public.magasins m ON m.id = um.magasin_id
    WHERE um.login = who::text;
  END IF;
  RETURN coalesce(ids, '{}');
END
$$;

-- Stores whose rows (and sales) the user sees: all, the stores of a director's regions, a
-- manager's stores.
CREATE FUNCTION epm.visible_magasin_ids(who name DEFAULT CURRENT_USER) RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  user_role text := epm.app_role(who);
  ids bigint[];
BEGIN
  IF epm.is_global_reader(who) THEN
    SELECT array_agg(m.id ORDER BY m.id) INTO ids FROM public.magasins m;
  ELSIF user_role = 'directeur' THEN
    SELECT array_agg(m.id ORDER BY m.id) INTO ids
    FROM epm.utilisateur_regions ur JOIN public.magasins m ON m.region_id = ur.region_id
    WHERE ur.login = who::text;
  ELSIF user_role = 'manager' THEN
    SELECT array_agg(um.magasin_id ORDER BY um.magasin_id) INTO ids
    FROM epm.utilisateur_magasins um WHERE um.login = who::text;
  END IF;
  RETURN coalesce(ids, '{}');
END
$$;

-- Privileges: which commands. Rows are the policies' business.
GRANT USAGE ON SCHEMA epm TO epm_admin, epm_directeur, epm_manager, epm_analyste, epm_writer;

GRANT SELECT ON public.regions, public.magasins, public.categories, public.produits, public.clients,
                public.ventes, public.lignes_ventes
  TO epm_admin, epm_directeur, epm_manager, epm_analyste, epm_writer;
GRANT INSERT, UPDATE, DELETE
  ON public.regions, public.magasins, public.categories, public.produits, public.clients,
     public.ventes, public.lignes_ventes
  TO epm_admin, epm_writer;

GRANT SELECT ON epm.tombstones TO epm_admin, epm_directeur, epm_manager, epm_analyste;
GRANT SELECT ON epm.utilisateurs, epm.utilisateur_regions, epm.utilisateur_magasins
  TO epm_admin, epm_directeur, epm_manager, epm_analyste;
GRANT INSERT, UPDATE, DELETE ON epm.utilisateurs, epm.utilisateur_regions, epm.utilisateur_magasins
  TO epm_admin;
GRANT SELECT, UPDATE ON epm.settings TO epm_admin;

-- 002 already stopped PUBLIC's default EXECUTE on the owner's functions; the revoke states it
-- here too. Then each role gets what its policies and the sync call.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA epm FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    epm.changed_since(pg_snapshot, xid8),
    epm.can_sync_incrementally(pg_snapshot),
    epm.app_role(name),
    epm.is_admin(name),
    epm.is_global_reader(name),
    epm.visible_region_ids(name),
    epm.visible_magasin_ids(name)
  TO epm_admin, epm_directeur, epm_manager, epm_analyste, epm_writer;
GRANT EXECUTE ON FUNCTION epm.purge_tombstones() TO epm_admin;

-- Policies. Function calls are wrapped in a sub-SELECT so they run once per query (an initplan)
-- instead of once per row; the OR short-circuits the array for global readers. The ::bigint[]
-- cast matters: without it `x = ANY ((SELECT f()))` parses as ANY (subquery) and fails.
DO $$
DECLARE
  t text;
  scope text;
BEGIN
  FOREACH t IN ARRAY ARRAY['regions', 'magasins', 'categories', 'produits', 'clients', 'ventes', 'lignes_ventes'] LOOP
    scope := CASE t
      WHEN 'regions' THEN '(SELECT epm.is_global_reader()) OR id = ANY ((SELECT epm.visible_region_ids())::bigint[])'
      WHEN 'magasins' THEN '(SELECT epm.is_global_reader()) OR id = ANY ((SELECT epm.visible_magasin_ids())::bigint[])'
      WHEN 'ventes' THEN '(SELECT epm.is_global_reader()) OR magasin_id = ANY ((SELECT epm.visible_magasin_ids())::bigint[])'
      WHEN 'lignes_ventes' THEN '(SELECT epm.is_global_reader()) OR magasin_id = ANY ((SELECT epm.visible_magasin_ids())::bigint[])'
      -- Reference data: every registered user reads all of it.
      ELSE '(SELECT epm.app_role()) IS NOT NULL'
    END;
    EXECUTE pg_catalog.format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format(
      'CREATE POLICY scope_read ON public.%I FOR SELECT '
      'TO epm_admin, epm_directeur, epm_manager, epm_analyste USING (%s)', t, scope);
    EXECUTE pg_catalog.format(
      'CREATE POLICY admin_write ON public.%I FOR ALL TO epm_admin '
      'USING ((SELECT epm.is_admin())) WITH CHECK ((SELECT epm.is_admin()))', t);
    EXECUTE pg_catalog.format(
      'CREATE POLICY writer_all ON public.%I FOR ALL TO epm_writer USING (true) WITH CHECK (true)', t);
  END LOOP;
END $$;

-- The scope functions and the tombstone triggers read regions and stores as the owner.
CREATE POLICY owner_read ON public.regions FOR SELECT TO epm_owner USING (true);
CREATE POLICY owner_read ON public.magasins FOR SELECT TO epm_owner USING (true);

-- Tombstones are filtered like the rows they stand for. A store's tombstone is also shown to the
-- users of its region: once the store is gone, visible_magasin_ids() no longer lists it.
ALTER TABLE epm.tombstones ENABLE ROW LEVEL SECURITY;
ALTER TABLE epm.tombstones FORCE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON epm.tombstones FOR SELECT
  TO epm_admin, epm_directeur, epm_manager, epm_analyste
  USING (
    (SELECT epm.is_global_reader())
    OR (table_name IN ('categories', 'produits', 'clients') AND (SELECT epm.app_role()) IS NOT NULL)
    OR (table_name = 'regions' AND region_id = ANY ((SELECT epm.visible_region_ids())::bigint[]))
    OR (table_name = 'magasins' AND (magasin_id = ANY ((SELECT epm.visible_magasin_ids())::bigint[])
                                     OR region_id = ANY ((SELECT epm.visible_region_ids())::bigint[])))
    OR (table_name IN ('ventes', 'lignes_ventes') AND magasin_id = ANY ((SELECT epm.visible_magasin_ids())::bigint[]))
  );
CREATE POLICY owner_maintenance ON epm.tombstones TO epm_owner USING (true) WITH CHECK (true);

-- Users and scope: each user reads their own rows; a registered admin reads and writes all.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['utilisateurs', 'utilisateur_regions', 'utilisateur_magasins'] LOOP
    EXECUTE pg_catalog.format('ALTER TABLE epm.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format('ALTER TABLE epm.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE pg_catalog.format(
      'CREATE POLICY self_read ON epm.%I FOR SELECT '
      'TO epm_admin, epm_directeur, epm_manager, epm_analyste USING (login = current_user::text)', t);
    EXECUTE pg_catalog.format(
      'CREATE POLICY admin_all ON epm.%I FOR ALL TO epm_admin '
      'USING ((SELECT epm.is_admin())) WITH CHECK ((SELECT epm.is_admin()))', t);
    EXECUTE pg_catalog.format('CREATE POLICY owner_read ON epm.%I FOR SELECT TO epm_owner USING (true)', t);
  END LOOP;
END $$;

-- Settings: an admin reads them and may change the retention only; the horizon is the
-- functions' business.
ALTER TABLE epm.settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE epm.settings FORCE ROW LEVEL SECURITY;
CREATE POLICY admin_read ON epm.settings FOR SELECT TO epm_admin USING ((SELECT epm.is_admin()));
CREATE POLICY admin_retention ON epm.settings FOR UPDATE TO epm_admin
  USING ((SELECT epm.is_admin()) AND key = 'tombstone_retention_days')
  WITH CHECK ((SELECT epm.is_admin()) AND key = 'tombstone_retention_days');
CREATE POLICY owner_maintenance ON epm.settings TO epm_owner USING (true) WITH CHECK (true);
