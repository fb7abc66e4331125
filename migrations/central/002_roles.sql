-- The application's roles (DOMAIN.md §6) and the hand-over of the seed schema to the owner role.
--
-- Roles are cluster-wide: every database of the cluster (test databases, a staging copy) shares
-- them. Creation is therefore idempotent and tolerates another database's migration creating the
-- same role at the same instant. An existing role is never ALTERed (two concurrent ALTERs of one
-- pg_authid row fail with "tuple concurrently updated"); one with dangerous attributes is refused.
--
-- This file runs as the migrating user (a superuser, or a role with CREATEROLE that owns the
-- database). Every later migration starts with SET LOCAL ROLE epm_owner so that what it creates
-- belongs to the owner role, which nobody can log in as.
--
--   epm_owner      owns every object; NOLOGIN; not a member of anything
--   epm_admin      sees everything, writes data, manages users' scope rows
--   epm_directeur  sees the regions assigned to the login (epm.utilisateur_regions)
--   epm_manager    sees the stores assigned to the login (epm.utilisateur_magasins)
--   epm_analyste   sees everything, read-only
--   epm_writer     feeding systems (POS, ERP): full DML on the data tables, not a product user

DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['epm_owner', 'epm_admin', 'epm_directeur', 'epm_manager', 'epm_analyste', 'epm_writer'] LOOP
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r) THEN
      BEGIN
        EXECUTE pg_catalog.format(
          'CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', r);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- created meanwhile by the migration of another database of this cluster
      END;
    ELSIF EXISTS (
      SELECT FROM pg_catalog.pg_roles
      WHERE rolname = r
        AND (rolcanlogin OR rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb OR rolreplication)
    ) THEN
      RAISE EXCEPTION 'role % exists with LOGIN, SUPERUSER, BYPASSRLS, CREATEROLE, CREATEDB or REPLICATION', r
        USING HINT = pg_catalog.format(
          'The application''s group roles must be plain NOLOGIN roles: ALTER ROLE %I NOLOGIN NOSUPERUSER '
          'NOBYPASSRLS NOCREATEROLE NOCREATEDB NOREPLICATION, then migrate again.', r);
    END IF;
  END LOOP;
END $$;

-- A non-superuser migrator must be a member of epm_owner to hand objects over and to SET ROLE
-- to it in later files (a superuser may do both anyway).
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user)
     AND NOT pg_catalog.pg_has_role(current_user, 'epm_owner', 'MEMBER') THEN
    EXECUTE pg_catalog.format('GRANT epm_owner TO %I', current_user);
  END IF;
END $$;

ALTER SCHEMA epm OWNER TO epm_owner;
ALTER TABLE epm.schema_migrations OWNER TO epm_owner;

-- Identity sequences follow their table's owner.
ALTER TABLE public.regions OWNER TO epm_owner;
ALTER TABLE public.magasins OWNER TO epm_owner;
ALTER TABLE public.categories OWNER TO epm_owner;
ALTER TABLE public.produits OWNER TO epm_owner;
ALTER TABLE public.clients OWNER TO epm_owner;
ALTER TABLE public.ventes OWNER TO epm_owner;
ALTER TABLE public.lignes_ventes OWNER TO epm_owner;

-- Later migrations (as epm_owner) may add tables and views beside the seed tables.
GRANT CREATE ON SCHEMA public TO epm_owner;

-- Functions are executable by PUBLIC by default; ours are granted one by one instead.
ALTER DEFAULT PRIVILEGES FOR ROLE epm_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
