-- Sahel Monitor: one PostgreSQL role per service, each able to touch only its own tables
-- (issue 19, item 6). The normalizer parses hostile HTML: whatever a page makes it do, it
-- cannot write an event, an article or a dead letter, nor read the crawl state.
--
--   sahel_fetcher     crawl_sources, crawl_urls, crawl_seen_items (its crawl state)
--   sahel_normalizer  dedup_fingerprints, near_dup_articles, near_dup_bands (its dedup state)
--   sahel_writer      every other table: the model dashboards read, and its own bookkeeping;
--                     and the functions (refresh_events, sahel_actor_id, sahel_place_id, ...
--                     are not for PUBLIC)
--   sahel_dashboard   the views only (0001, 0003)
--
-- Each may SELECT, INSERT, UPDATE and DELETE its tables and read `_sqlx_migrations` (a service
-- connected as its role checks that the migrations its build knows are applied, and waits
-- for them; it never applies them). Nobody but the database owner may create, alter or drop
-- anything: migrations are applied by the owner (`sahel-migrate`, or any service connected as
-- the owner), which then calls sahel_grant_service_roles() again, so a table added by a later
-- migration is granted by the rule below without that migration having to remember it.
--
-- The rule, by table name: `crawl_*` is the fetcher's, `dedup_*` and `near_dup_*` the
-- normalizer's, every other table in `public` the writer's, and so is every function. A table
-- for another service (a new one) needs a new role and a line in the function.
--
-- No passwords here. The roles can log in, but with no password they pass only where the
-- server trusts the connection (the local stack: trust on 127.0.0.1); a deployment sets their
-- passwords (`ALTER ROLE sahel_writer PASSWORD ...`, deploy/compose.yaml's db-roles job).
-- Roles are cluster-wide and several databases of one cluster may migrate at once (tests),
-- so creating one tolerates a concurrent creation; everything else here is per database and
-- idempotent.

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['sahel_fetcher', 'sahel_normalizer', 'sahel_writer'] LOOP
        BEGIN
            EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', r);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END LOOP;
END
$$;

-- Only the owner creates in `public` (PostgreSQL 15's default, made explicit for older
-- servers, where every role could).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO sahel_fetcher, sahel_normalizer, sahel_writer;

CREATE FUNCTION sahel_grant_service_roles() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    t record;
    f regprocedure;
    svc text;
BEGIN
    FOR t IN
        SELECT c.relname, c.relkind
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S') AND c.relname <> '_sqlx_migrations'
    LOOP
        svc := CASE
            WHEN t.relname LIKE 'crawl\_%' THEN 'sahel_fetcher'
            WHEN t.relname LIKE 'dedup\_%' OR t.relname LIKE 'near\_dup\_%' THEN 'sahel_normalizer'
            ELSE 'sahel_writer'
        END;
        IF t.relkind = 'S' THEN
            EXECUTE format('GRANT USAGE, SELECT, UPDATE ON SEQUENCE %I TO %I', t.relname, svc);
        ELSE
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE %I TO %I', t.relname, svc);
        END IF;
    END LOOP;
    FOR f IN
        SELECT p.oid::regprocedure
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.prokind IN ('f', 'a', 'w') AND p.proname <> 'sahel_grant_service_roles'
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO sahel_writer', f);
    END LOOP;
    GRANT SELECT ON TABLE _sqlx_migrations TO sahel_fetcher, sahel_normalizer, sahel_writer;
END
$$;
REVOKE EXECUTE ON FUNCTION sahel_grant_service_roles() FROM PUBLIC;

SELECT sahel_grant_service_roles();
