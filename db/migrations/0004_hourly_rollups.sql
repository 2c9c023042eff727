CREATE TABLE "call_rollups_hourly" (
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
	"ttft_hist" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"cost_hist" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"score_hist" integer[] DEFAULT '{}'::integer[] NOT NULL,
	CONSTRAINT "call_rollups_hourly_feature_id_bucket_start_environment_model_route_pk" PRIMARY KEY("feature_id","bucket_start","environment","model","route")
);
--> statement-breakpoint
CREATE TABLE "call_rollups_total" (
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
	"ttft_hist" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"cost_hist" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"score_hist" integer[] DEFAULT '{}'::integer[] NOT NULL,
	CONSTRAINT "call_rollups_total_feature_id_environment_model_route_pk" PRIMARY KEY("feature_id","environment","model","route")
);
--> statement-breakpoint
ALTER TABLE "call_rollups" ADD COLUMN "ttft_hist" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "call_rollups" ADD COLUMN "cost_hist" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "call_rollups" ADD COLUMN "score_hist" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
CREATE INDEX "call_rollups_hourly_bucket_idx" ON "call_rollups_hourly" USING btree ("bucket_start");--> statement-breakpoint
-- Element-wise sum of histograms over rows (hist_add as an aggregate).
CREATE AGGREGATE hist_sum(integer[]) (SFUNC = hist_add, STYPE = integer[], INITCOND = '{}');
--> statement-breakpoint
-- Hourly rows for the minute rows already stored, so that dashboards keep their history. The new
-- ttft/cost/score histograms of older rows stay empty until `switchboard rollups rebuild`.
INSERT INTO call_rollups_hourly (bucket_start, feature_id, environment, model, route, calls, ok_calls, error_calls,
  err_timeout, err_rate_limit, err_server_error, err_network, err_content_filter, err_other, input_tokens,
  output_tokens, cached_input_tokens, cost_usd, costed_calls, scored_calls, score_sum, ttft_calls, ttft_sum_ms,
  latency_sum_ms, latency_hist)
SELECT date_bin('1 hour', bucket_start, timestamptz '1970-01-01 00:00:00+00'), feature_id, environment, model, route,
  sum(calls), sum(ok_calls), sum(error_calls), sum(err_timeout), sum(err_rate_limit), sum(err_server_error),
  sum(err_network), sum(err_content_filter), sum(err_other), sum(input_tokens), sum(output_tokens),
  sum(cached_input_tokens), sum(cost_usd), sum(costed_calls), sum(scored_calls), sum(score_sum), sum(ttft_calls),
  sum(ttft_sum_ms), sum(latency_sum_ms), hist_sum(latency_hist)
FROM call_rollups
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- All-time totals: the sum of the hourly rows.
INSERT INTO call_rollups_total (feature_id, environment, model, route, calls, ok_calls, error_calls, err_timeout,
  err_rate_limit, err_server_error, err_network, err_content_filter, err_other, input_tokens, output_tokens,
  cached_input_tokens, cost_usd, costed_calls, scored_calls, score_sum, ttft_calls, ttft_sum_ms, latency_sum_ms,
  latency_hist)
SELECT feature_id, environment, model, route, sum(calls), sum(ok_calls), sum(error_calls), sum(err_timeout),
  sum(err_rate_limit), sum(err_server_error), sum(err_network), sum(err_content_filter), sum(err_other),
  sum(input_tokens), sum(output_tokens), sum(cached_input_tokens), sum(cost_usd), sum(costed_calls),
  sum(scored_calls), sum(score_sum), sum(ttft_calls), sum(ttft_sum_ms), sum(latency_sum_ms), hist_sum(latency_hist)
FROM call_rollups_hourly
GROUP BY 1, 2, 3, 4;
