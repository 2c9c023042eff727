-- Scores that arrive after their call (POST /api/v1/scores), and the score changes the rollup
-- aggregator applies to the rollups exactly once (db/queries/rollup-aggregator.ts, docs/scores.md).
CREATE TABLE "call_scores" (
	"call_id" uuid NOT NULL,
	"name" text NOT NULL,
	"value" real NOT NULL,
	"comment" text,
	"source" text,
	"call_ts" timestamp with time zone NOT NULL,
	"feature_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_scores_call_id_name_pk" PRIMARY KEY("call_id","name")
);
--> statement-breakpoint
CREATE TABLE "score_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"feature_id" integer NOT NULL,
	"environment" text NOT NULL,
	"model" text NOT NULL,
	"route" "call_route" NOT NULL,
	"old_score" real,
	"new_score" real,
	"ingest_xid" bigint DEFAULT (pg_current_xact_id()::text)::bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "call_scores" ADD CONSTRAINT "call_scores_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_scores_call_ts_idx" ON "call_scores" USING btree ("call_ts");--> statement-breakpoint
CREATE INDEX "score_changes_ingest_xid_idx" ON "score_changes" USING btree ("ingest_xid");--> statement-breakpoint
CREATE INDEX "score_changes_call_idx" ON "score_changes" USING btree ("call_id","id");