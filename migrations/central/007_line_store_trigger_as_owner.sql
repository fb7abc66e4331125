-- Bulk loads of sale lines (imports, docs/import.md) as an admin login: make the BEFORE INSERT
-- trigger that copies the sale's store onto each line (epm.fill_ligne_magasin_id, 003) run as
-- the owner.
--
-- Why: the trigger's lookup of public.ventes ran with the caller's rights, so row-level security
-- applied to it, and its policies' scope functions (epm.is_global_reader(), epm.is_admin(): each
-- a security-definer call reading pg_roles and epm.utilisateurs) were evaluated afresh for
-- every inserted line: ~40 µs per line, 40 s for a million-line import. As the owner, with a
-- read policy of its own on ventes, the lookup costs ~3 µs. Nothing else changes: only writers
-- (epm_admin, epm_writer, both seeing every sale) may insert lines, and a trigger function
-- cannot be called directly.
-- Data first, then the owner role (004's hazard note): this file changes no data.

SET LOCAL ROLE epm_owner;

CREATE POLICY owner_read ON public.ventes FOR SELECT TO epm_owner USING (true);

ALTER FUNCTION epm.fill_ligne_magasin_id() SECURITY DEFINER;
ALTER FUNCTION epm.fill_ligne_magasin_id() SET search_path = pg_catalog, pg_temp;
