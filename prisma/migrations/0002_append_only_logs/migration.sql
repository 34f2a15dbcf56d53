-- Call event timelines and the audit log are append-only: the call record and the
-- wallboard are derived from events, and an audit log that can be edited proves nothing.
-- The database itself refuses changes, whatever code (or person) tries.
CREATE FUNCTION refuse_change_of_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER call_events_append_only
  BEFORE UPDATE OR DELETE ON "call_events"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only();

CREATE TRIGGER audit_entries_append_only
  BEFORE UPDATE OR DELETE ON "audit_entries"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only();
