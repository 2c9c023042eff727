-- A kill-switch flip in one statement (lib/switches/flip-switch.ts calls it). Under an ingestion
-- storm every round trip of the flip waits its turn on a busy server; as eight statements in a
-- transaction a flip took 150-430 ms at load 3, as one call it takes one round trip.
-- Serialised by a transaction-scoped advisory lock so that flips commit in version order (a
-- reader that sees version n sees every flip below n); each statement after the lock reads the
-- latest committed switch (READ COMMITTED takes a snapshot per statement inside a function).
-- No row when the feature does not exist; changed = false, and nothing written, when the switch
-- already is in the asked state. The NOTIFY payload is the switch event of lib/switches/document.ts.
CREATE OR REPLACE FUNCTION switchboard_flip_switch(
  p_feature text, p_killed boolean, p_reason text, p_actor text, p_actor_label text, p_channel text, p_lock bigint
) RETURNS TABLE (changed boolean, killed boolean, reason text, version bigint, updated_at timestamptz, updated_by text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_feature_id integer;
  v_killed boolean;
  v_reason text;
  v_version bigint;
  v_updated_at timestamptz;
  v_updated_by text;
BEGIN
  PERFORM pg_advisory_xact_lock(p_lock);
  SELECT f.id, coalesce(k.killed, false), k.reason, coalesce(k.version, 0), k.updated_at, k.updated_by
    INTO v_feature_id, v_killed, v_reason, v_version, v_updated_at, v_updated_by
    FROM features f LEFT JOIN kill_switches k ON k.feature_id = f.id
    WHERE f.key = p_feature;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF v_killed = p_killed THEN
    RETURN QUERY SELECT false, v_killed, v_reason, v_version, v_updated_at, v_updated_by;
    RETURN;
  END IF;
  v_version := nextval('switch_version_seq');
  INSERT INTO kill_switches AS k (feature_id, killed, reason, version, updated_at, updated_by)
    VALUES (v_feature_id, p_killed, p_reason, v_version, now(), p_actor_label)
    ON CONFLICT (feature_id) DO UPDATE SET killed = excluded.killed, reason = excluded.reason,
      version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by
    RETURNING k.updated_at INTO v_updated_at;
  INSERT INTO audit_log (actor, actor_label, action, target_type, target_id, before, after, reason)
    VALUES (p_actor, p_actor_label, 'switch.flip', 'switch', p_feature,
      jsonb_build_object('killed', v_killed, 'reason', v_reason),
      jsonb_build_object('killed', p_killed, 'reason', p_reason), p_reason);
  PERFORM pg_notify(p_channel, json_build_object(
    'version', v_version, 'feature', p_feature, 'killed', p_killed, 'reason', p_reason,
    'updatedAt', to_char(v_updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'updatedBy', p_actor_label)::text);
  RETURN QUERY SELECT true, p_killed, p_reason, v_version, v_updated_at, p_actor_label;
END;
$$;
