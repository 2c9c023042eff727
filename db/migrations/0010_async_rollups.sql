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
CREATE INDEX "calls_ingest_xid_idx" ON "calls" USING brin ("ingest_xid") WITH (autosummarize=true);
--> statement-breakpoint
CREATE TABLE "rollup_watermark" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL CHECK ("id"),
	"next_xid" bigint NOT NULL
);
--> statement-breakpoint
-- Calls stored from now on come from later transactions than this one.
INSERT INTO "rollup_watermark" ("next_xid") VALUES ((pg_current_xact_id()::text)::bigint);
