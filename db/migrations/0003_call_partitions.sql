-- calls and call_bodies become partitioned by day of ts (UTC): calls_pYYYYMMDD and
-- call_bodies_pYYYYMMDD, so that retention drops whole days (a cheap DROP TABLE, no DELETE and
-- no vacuum) while call_rollups keep the history. The primary keys must hold the partition key:
-- (id, ts) and (call_id, ts). call_bodies loses its foreign key to calls: on partitioned tables it
-- costs a lookup per inserted body, both rows are written in one transaction, and retention drops
-- the same day of both tables together. No DEFAULT partition: with one, creating each new day's
-- partition would scan it. Existing rows are copied into the new tables (all days they touch get a
-- partition); the old tables are then dropped.
ALTER TABLE "call_bodies" DROP CONSTRAINT "call_bodies_call_id_calls_id_fk";
--> statement-breakpoint
DROP INDEX "calls_feature_ts_idx";
--> statement-breakpoint
DROP INDEX "calls_ts_idx";
--> statement-breakpoint
ALTER TABLE "calls" RENAME TO "calls_unpartitioned";
--> statement-breakpoint
ALTER TABLE "calls_unpartitioned" RENAME CONSTRAINT "calls_pkey" TO "calls_unpartitioned_pkey";
--> statement-breakpoint
ALTER TABLE "call_bodies" RENAME TO "call_bodies_unpartitioned";
--> statement-breakpoint
ALTER TABLE "call_bodies_unpartitioned" RENAME CONSTRAINT "call_bodies_pkey" TO "call_bodies_unpartitioned_pkey";
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid NOT NULL,
	"feature_id" integer NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"model" text NOT NULL,
	"provider" text,
	"outcome" "call_outcome" NOT NULL,
	"error_type" "call_error_type",
	"route" "call_route" NOT NULL,
	"fallback_depth" smallint DEFAULT 0 NOT NULL,
	"latency_ms" integer NOT NULL,
	"ttft_ms" integer,
	"input_tokens" integer,
	"output_tokens" integer,
	"cached_input_tokens" integer,
	"cost_usd" double precision,
	"cost_source" text,
	"score" real,
	"user_id" text,
	"session_id" text,
	"environment" text NOT NULL,
	"release" text,
	CONSTRAINT "calls_pkey" PRIMARY KEY("id","ts")
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
CREATE TABLE "call_bodies" (
	"call_id" uuid NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"prompt" jsonb,
	"completion" text,
	"metadata" jsonb,
	"redactions" jsonb,
	CONSTRAINT "call_bodies_pkey" PRIMARY KEY("call_id","ts")
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
-- Creates the partitions of both tables for the given UTC days where missing; returns how many
-- tables it created. The advisory lock makes concurrent creators (several instances ingesting
-- the first call of a day) wait for each other instead of failing on a half-created table. Call it
-- in a short transaction of its own: creating a partition locks the parent until commit.
CREATE OR REPLACE FUNCTION ensure_call_partitions(days date[]) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  d date;
  parent text;
  created integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(727010);
  FOREACH d IN ARRAY days LOOP
    FOREACH parent IN ARRAY ARRAY['calls', 'call_bodies'] LOOP
      IF to_regclass(parent || '_p' || to_char(d, 'YYYYMMDD')) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
          parent || '_p' || to_char(d, 'YYYYMMDD'), parent,
          to_char(d, 'YYYY-MM-DD') || ' 00:00:00+00', to_char(d + 1, 'YYYY-MM-DD') || ' 00:00:00+00');
        created := created + 1;
      END IF;
    END LOOP;
  END LOOP;
  RETURN created;
END
$$;
--> statement-breakpoint
SELECT ensure_call_partitions(
  coalesce((SELECT array_agg(DISTINCT (ts AT TIME ZONE 'UTC')::date) FROM "calls_unpartitioned"), '{}'::date[])
  || ARRAY[(now() AT TIME ZONE 'UTC')::date, (now() AT TIME ZONE 'UTC')::date + 1]);
--> statement-breakpoint
INSERT INTO "calls" ("id", "feature_id", "ts", "created_at", "model", "provider", "outcome", "error_type", "route",
  "fallback_depth", "latency_ms", "ttft_ms", "input_tokens", "output_tokens", "cached_input_tokens", "cost_usd",
  "cost_source", "score", "user_id", "session_id", "environment", "release")
SELECT "id", "feature_id", "ts", "created_at", "model", "provider", "outcome", "error_type", "route",
  "fallback_depth", "latency_ms", "ttft_ms", "input_tokens", "output_tokens", "cached_input_tokens", "cost_usd",
  "cost_source", "score", "user_id", "session_id", "environment", "release"
FROM "calls_unpartitioned";
--> statement-breakpoint
INSERT INTO "call_bodies" ("call_id", "ts", "prompt", "completion", "metadata", "redactions")
SELECT b."call_id", c."ts", b."prompt", b."completion", b."metadata", b."redactions"
FROM "call_bodies_unpartitioned" b JOIN "calls_unpartitioned" c ON c."id" = b."call_id";
--> statement-breakpoint
DROP TABLE "call_bodies_unpartitioned";
--> statement-breakpoint
DROP TABLE "calls_unpartitioned";
--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- DESC NULLS FIRST is what ORDER BY ts DESC, id DESC means: with NULLS LAST (drizzle's default for
-- desc()) the planner cannot use these indexes for the explorer's order and sorts whole partitions.
CREATE INDEX "calls_feature_ts_id_idx" ON "calls" USING btree ("feature_id","ts" DESC NULLS FIRST,"id" DESC NULLS FIRST);
--> statement-breakpoint
CREATE INDEX "calls_ts_id_idx" ON "calls" USING btree ("ts" DESC NULLS FIRST,"id" DESC NULLS FIRST);
