-- History of sync runs, written by each laptop as its user: the admin monitors every laptop
-- (DOMAIN.md §6), a user sees their own runs.

SET LOCAL ROLE epm_owner;

CREATE TABLE epm.sync_runs (
  -- ALWAYS: a user cannot pick ids and collide with another user's runs.
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_id   text,
  login       text        NOT NULL DEFAULT current_user,
  started_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
  ended_at    timestamptz,
  status      text        NOT NULL DEFAULT 'running'
                          CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
  mode        text,
  rows        jsonb,
  checkpoint  text,
  app_version text,
  error       text
);
CREATE INDEX sync_runs_login_started_idx ON epm.sync_runs (login, started_at DESC);
CREATE INDEX sync_runs_started_idx ON epm.sync_runs (started_at DESC);

GRANT SELECT, INSERT, UPDATE ON epm.sync_runs TO epm_admin, epm_directeur, epm_manager, epm_analyste;

ALTER TABLE epm.sync_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE epm.sync_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY own_read ON epm.sync_runs FOR SELECT
  TO epm_admin, epm_directeur, epm_manager, epm_analyste
  USING (login = current_user::text);
CREATE POLICY own_insert ON epm.sync_runs FOR INSERT
  TO epm_admin, epm_directeur, epm_manager, epm_analyste
  WITH CHECK (login = current_user::text);
CREATE POLICY own_update ON epm.sync_runs FOR UPDATE
  TO epm_admin, epm_directeur, epm_manager, epm_analyste
  USING (login = current_user::text)
  WITH CHECK (login = current_user::text);
CREATE POLICY admin_read ON epm.sync_runs FOR SELECT TO epm_admin USING ((SELECT epm.is_admin()));
