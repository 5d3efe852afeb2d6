-- The auditors' read log is evidence too: who read what, when. The service only ever inserts into it, so it refuses
-- updates and deletes as the event tables do (V8); a superuser who disables the trigger is not stopped, as there.
CREATE TRIGGER read_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON read_audit
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
