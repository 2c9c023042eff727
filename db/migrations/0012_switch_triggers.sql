-- Flag triggers (docs/triggers.md): secret URLs that kill or restore a feature's switch when an
-- alerting system calls them. Only the SHA-256 of each secret is stored.
CREATE TABLE "switch_triggers" (
	"id" serial PRIMARY KEY NOT NULL,
	"feature_id" integer NOT NULL,
	"name" text NOT NULL,
	"action" text NOT NULL,
	"restore_on_resolve" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"secret_hash" text NOT NULL,
	"secret_hint" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rotated_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "switch_triggers_action_check" CHECK ("switch_triggers"."action" in ('kill', 'restore'))
);
--> statement-breakpoint
ALTER TABLE "switch_triggers" ADD CONSTRAINT "switch_triggers_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "switch_triggers_secret_hash_idx" ON "switch_triggers" USING btree ("secret_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "switch_triggers_feature_name_idx" ON "switch_triggers" USING btree ("feature_id","name");