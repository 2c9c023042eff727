CREATE TYPE "public"."alert_severity" AS ENUM('page', 'ticket', 'info');--> statement-breakpoint
CREATE TYPE "public"."alert_state" AS ENUM('firing', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."call_error_type" AS ENUM('timeout', 'rate_limit', 'server_error', 'network', 'content_filter', 'other');--> statement-breakpoint
CREATE TYPE "public"."call_outcome" AS ENUM('ok', 'error');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('viewer', 'responder', 'admin');--> statement-breakpoint
CREATE TYPE "public"."call_route" AS ENUM('primary', 'fallback', 'cache', 'rule', 'killed');--> statement-breakpoint
CREATE TYPE "public"."sli" AS ENUM('latency', 'availability', 'accuracy', 'cost');--> statement-breakpoint
CREATE SEQUENCE "public"."switch_version_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"feature_id" integer NOT NULL,
	"slo_id" integer,
	"kind" text NOT NULL,
	"severity" "alert_severity" NOT NULL,
	"state" "alert_state" DEFAULT 'firing' NOT NULL,
	"fingerprint" text NOT NULL,
	"title" text NOT NULL,
	"details" jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "call_bodies" (
	"call_id" uuid PRIMARY KEY NOT NULL,
	"prompt" jsonb,
	"completion" text,
	"metadata" jsonb,
	"redactions" jsonb
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY NOT NULL,
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
	"release" text
);
--> statement-breakpoint
CREATE TABLE "cost_budgets" (
	"feature_id" integer PRIMARY KEY NOT NULL,
	"daily_usd" double precision,
	"monthly_usd" double precision,
	"thresholds" double precision[] DEFAULT '{0.5,0.8,1}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eval_results" (
	"run_id" integer NOT NULL,
	"case_name" text NOT NULL,
	"repeat" smallint DEFAULT 0 NOT NULL,
	"passed" boolean NOT NULL,
	"score" double precision,
	"input" jsonb,
	"output" text,
	"expected" text,
	"assertions" jsonb,
	"latency_ms" integer,
	"cost_usd" double precision,
	"error" text,
	CONSTRAINT "eval_results_run_id_case_name_repeat_pk" PRIMARY KEY("run_id","case_name","repeat")
);
--> statement-breakpoint
CREATE TABLE "eval_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"feature_id" integer NOT NULL,
	"name" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"git_commit" text,
	"git_branch" text,
	"model" text,
	"prompt_version" text,
	"total" integer NOT NULL,
	"passed" integer NOT NULL,
	"pass_rate" double precision NOT NULL,
	"threshold" double precision,
	"is_baseline" boolean DEFAULT false NOT NULL,
	"environment" text DEFAULT 'production' NOT NULL,
	"summary" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "features" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name" text,
	"description" text,
	"store_bodies" boolean DEFAULT true NOT NULL,
	"auto_trip_on_page_alert" boolean DEFAULT false NOT NULL,
	"auto_trip_on_budget_exhausted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "features_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "kill_switches" (
	"feature_id" integer PRIMARY KEY NOT NULL,
	"killed" boolean DEFAULT false NOT NULL,
	"reason" text,
	"version" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "model_prices" (
	"id" serial PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"model_pattern" text NOT NULL,
	"input_per_mtok" double precision NOT NULL,
	"output_per_mtok" double precision NOT NULL,
	"cached_input_per_mtok" double precision,
	"effective_from" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "redaction_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"pattern" text NOT NULL,
	"placeholder" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slos" (
	"id" serial PRIMARY KEY NOT NULL,
	"feature_id" integer NOT NULL,
	"name" text NOT NULL,
	"sli" "sli" NOT NULL,
	"config" jsonb NOT NULL,
	"objective" double precision NOT NULL,
	"window_days" smallint NOT NULL,
	"environment" text DEFAULT 'production' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"password_hash" text NOT NULL,
	"role" "role" DEFAULT 'viewer' NOT NULL,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"webhook_id" integer NOT NULL,
	"alert_id" bigint NOT NULL,
	"event" text NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"last_status" integer,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"min_severity" "alert_severity" DEFAULT 'ticket' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_slo_id_slos_id_fk" FOREIGN KEY ("slo_id") REFERENCES "public"."slos"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_bodies" ADD CONSTRAINT "call_bodies_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_budgets" ADD CONSTRAINT "cost_budgets_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_results" ADD CONSTRAINT "eval_results_run_id_eval_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."eval_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_runs" ADD CONSTRAINT "eval_runs_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kill_switches" ADD CONSTRAINT "kill_switches_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slos" ADD CONSTRAINT "slos_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."webhooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alerts_feature_started_idx" ON "alerts" USING btree ("feature_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_one_firing_idx" ON "alerts" USING btree ("fingerprint") WHERE state = 'firing';--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_idx" ON "api_keys" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id","at");--> statement-breakpoint
CREATE INDEX "calls_feature_ts_idx" ON "calls" USING btree ("feature_id","ts");--> statement-breakpoint
CREATE INDEX "calls_ts_idx" ON "calls" USING btree ("ts");--> statement-breakpoint
CREATE INDEX "eval_runs_feature_started_idx" ON "eval_runs" USING btree ("feature_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "model_prices_pattern_from_idx" ON "model_prices" USING btree ("model_pattern","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "slos_feature_name_idx" ON "slos" USING btree ("feature_id","name");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("next_attempt_at");