-- Rollups leave the ingest transaction (docs/ingestion.md, "Rollups"): every concurrent batch used
-- to upsert the same minute, hour and total rows and queued on their row locks. Calls now carry
-- the id of the transaction that stored them; the aggregator adds up, about once a second, the
-- calls of every transaction that has finished below the oldest one still running, and moves
-- rollup_watermark past them in the same transaction: each call is counted exactly once, and a
-- batch that commits late is counted when it commits, never skipped.
--
-- Calls already stored keep a null ingest_xid: their rollups were written with them. The column
-- is added without a default first so that no partition is rewritten, then given its default.
ALTER TABLE "calls" ADD COLUMN "ingest_xid" bigint;
--> statement-breakpoint
ALTER TABLE "calls" ALTER COLUMN "ingest_xid" SET DEFAULT (pg_current_xact_id()::text)::bigint;
--> statement-breakpoint
-- A b-tree, not a BRIN: a BRIN index is only exact for summarised page ranges, and under heavy
-- ingestion Postgres drops the summarisation requests (and logs each one), so every pass would
-- read the day's whole unsummarised tail. All calls of a batch share one id: the b-tree stores
-- them deduplicated, at the right edge, for a few bytes a call.
CREATE INDEX "calls_ingest_xid_idx" ON "calls" USING btree ("ingest_xid");
--> statement-breakpoint
CREATE TABLE "rollup_watermark" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL CHECK ("id"),
	"next_xid" bigint NOT NULL
);
--> statement-breakpoint
-- Calls stored from now on come from later transactions than this one.
INSERT INTO "rollup_watermark" ("next_xid") VALUES ((pg_current_xact_id()::text)::bigint);
--> statement-breakpoint
-- The aggregator merges a pass's rows into the stored ones with hist_add (four per row) and builds
-- histograms with hist_from_sparse (four per row): as SQL functions (generate_series, a sorted
-- array_agg, array_position per bucket) they took 18-19 µs a call and most of a pass. The same
-- results with loops in PL/pgSQL: 7 µs and 2 µs (test/bench/rollup-pass.mts).
CREATE OR REPLACE FUNCTION hist_add(a integer[], b integer[]) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  la integer := coalesce(array_length(a, 1), 0);
  lb integer := coalesce(array_length(b, 1), 0);
  r integer[];
BEGIN
  IF la < lb THEN
    r := b;
    FOR i IN 1..la LOOP r[i] := coalesce(r[i], 0) + coalesce(a[i], 0); END LOOP;
  ELSE
    r := a;
    FOR i IN 1..lb LOOP r[i] := coalesce(r[i], 0) + coalesce(b[i], 0); END LOOP;
  END IF;
  RETURN coalesce(r, '{}'::integer[]);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hist_from_sparse(idx integer[], n integer[]) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  top integer := -1;
  r integer[];
BEGIN
  FOR j IN 1..coalesce(array_length(idx, 1), 0) LOOP top := greatest(top, idx[j]); END LOOP;
  IF top < 0 THEN
    RETURN '{}'::integer[];
  END IF;
  r := array_fill(0, ARRAY[top + 1]);
  FOR j IN 1..array_length(idx, 1) LOOP r[idx[j] + 1] := r[idx[j] + 1] + n[j]; END LOOP;
  RETURN r;
END
$$;
