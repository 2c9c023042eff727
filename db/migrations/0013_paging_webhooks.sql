-- Webhooks in PagerDuty (Events API v2) and Opsgenie (Alert API) shapes besides Slack's
-- (docs/alerts.md, "PagerDuty and Opsgenie"). Existing webhooks keep the Slack-compatible
-- message. The paging kinds need a key to send with every delivery (PagerDuty's routing key in
-- the body, Opsgenie's API key in a header), so it is stored as sent, like the Slack URL; the
-- check keeps a paging webhook from being stored without one. A constant default adds the column
-- without rewriting the table.
CREATE TYPE "public"."webhook_kind" AS ENUM('slack', 'pagerduty', 'opsgenie');--> statement-breakpoint
ALTER TABLE "webhooks" ADD COLUMN "kind" "webhook_kind" DEFAULT 'slack' NOT NULL;--> statement-breakpoint
ALTER TABLE "webhooks" ADD COLUMN "secret" text;--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_paging_secret" CHECK ("webhooks"."kind" = 'slack' or "webhooks"."secret" is not null);