CREATE TABLE "call_rollups" (
	"bucket_start" timestamp with time zone NOT NULL,
	"feature_id" integer NOT NULL,
	"environment" text NOT NULL,
	"model" text NOT NULL,
	"route" "call_route" NOT NULL,
	"calls" integer NOT NULL,
	"ok_calls" integer NOT NULL,
	"error_calls" integer NOT NULL,
	"err_timeout" integer NOT NULL,
	"err_rate_limit" integer NOT NULL,
	"err_server_error" integer NOT NULL,
	"err_network" integer NOT NULL,
	"err_content_filter" integer NOT NULL,
	"err_other" integer NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"cached_input_tokens" bigint NOT NULL,
	"cost_usd" double precision NOT NULL,
	"costed_calls" integer NOT NULL,
	"scored_calls" integer NOT NULL,
	"score_sum" double precision NOT NULL,
	"ttft_calls" integer NOT NULL,
	"ttft_sum_ms" bigint NOT NULL,
	"latency_sum_ms" bigint NOT NULL,
	"latency_hist" integer[] NOT NULL,
	CONSTRAINT "call_rollups_feature_id_bucket_start_environment_model_route_pk" PRIMARY KEY("feature_id","bucket_start","environment","model","route")
);
--> statement-breakpoint
CREATE INDEX "call_rollups_bucket_idx" ON "call_rollups" USING btree ("bucket_start");
--> statement-breakpoint
-- Element-wise sum of two latency histograms of any lengths (missing buckets count 0): how an
-- upsert merges a batch's histogram into the stored one.
CREATE OR REPLACE FUNCTION hist_add(a integer[], b integer[]) RETURNS integer[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(coalesce(a[i], 0) + coalesce(b[i], 0) ORDER BY i), '{}'::integer[])
  FROM generate_series(1, greatest(coalesce(array_length(a, 1), 0), coalesce(array_length(b, 1), 0))) AS i
$$;
--> statement-breakpoint
-- A dense histogram (bucket k at position k+1) from bucket indexes and their counts: used when
-- rollups are rebuilt from raw calls.
CREATE OR REPLACE FUNCTION hist_from_sparse(idx integer[], n integer[]) RETURNS integer[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(coalesce(n[array_position(idx, k)], 0) ORDER BY k), '{}'::integer[])
  FROM generate_series(0, (SELECT max(x) FROM unnest(idx) AS x)) AS k
$$;
