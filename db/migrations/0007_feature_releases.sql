CREATE TABLE "feature_releases" (
	"feature_id" integer NOT NULL,
	"environment" text NOT NULL,
	"release" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "feature_releases_feature_id_environment_release_pk" PRIMARY KEY("feature_id","environment","release")
);
--> statement-breakpoint
ALTER TABLE "feature_releases" ADD CONSTRAINT "feature_releases_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feature_releases_seen_idx" ON "feature_releases" USING btree ("feature_id","environment","first_seen_at");--> statement-breakpoint
-- The releases of the calls already stored, first seen at their earliest call.
INSERT INTO "feature_releases" ("feature_id", "environment", "release", "first_seen_at")
SELECT "feature_id", "environment", "release", min("ts") FROM "calls" WHERE "release" IS NOT NULL GROUP BY 1, 2, 3
ON CONFLICT DO NOTHING;
