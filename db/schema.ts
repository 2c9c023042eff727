// The whole Switchboard data model (docs/architecture.md#data-model). Hot tables keep typed, narrow
// rows; bodies and free-form JSON live beside them so that scans and aggregates stay cheap.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  real,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const tz = (name: string) => timestamp(name, { withTimezone: true });

export const roleEnum = pgEnum('role', ['viewer', 'responder', 'admin']);
export const outcomeEnum = pgEnum('call_outcome', ['ok', 'error']);
export const errorTypeEnum = pgEnum('call_error_type', [
  'timeout',
  'rate_limit',
  'server_error',
  'network',
  'content_filter',
  'other',
]);
export const routeEnum = pgEnum('call_route', ['primary', 'fallback', 'cache', 'rule', 'killed']);
export const sliEnum = pgEnum('sli', ['latency', 'availability', 'accuracy', 'cost']);
export const alertSeverityEnum = pgEnum('alert_severity', ['page', 'ticket', 'info']);
export const alertStateEnum = pgEnum('alert_state', ['firing', 'resolved']);
export const webhookKindEnum = pgEnum('webhook_kind', ['slack', 'pagerduty', 'opsgenie']);

// ---------------------------------------------------------------- accounts and access

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name'),
  passwordHash: text('password_hash').notNull(),
  role: roleEnum('role').notNull().default('viewer'),
  disabledAt: tz('disabled_at'),
  createdAt: createdAt(),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** The first characters of the key, shown in lists so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the whole key: keys are long random strings, so a fast hash is enough. */
    hash: text('hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    lastUsedAt: tz('last_used_at'),
    revokedAt: tz('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_idx').on(t.hash)],
);

/** Instance-wide values generated once, such as the session-signing secret. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: updatedAt(),
});

/**
 * Append-only record of every switch flip, SLO/budget edit, key and user change.
 * A trigger in the migrations refuses UPDATE and DELETE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** 'user:<id>', 'key:<id>', 'cli', 'policy:<name>' or 'system'. */
    actor: text('actor').notNull(),
    /** A readable name for the actor at the time (e-mail, key name). */
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
  },
  (t) => [index('audit_log_target_idx').on(t.targetType, t.targetId, t.at)],
);

// ---------------------------------------------------------------- features and switches

export const features = pgTable('features', {
  id: serial('id').primaryKey(),
  key: text('key').notNull().unique(),
  name: text('name'),
  description: text('description'),
  /** When false, prompts and completions of this feature are not stored at all. */
  storeBodies: boolean('store_bodies').notNull().default(true),
  autoTripOnPageAlert: boolean('auto_trip_on_page_alert').notNull().default(false),
  autoTripOnBudgetExhausted: boolean('auto_trip_on_budget_exhausted').notNull().default(false),
  createdAt: createdAt(),
});

export const switchVersionSeq = pgSequence('switch_version_seq');

export const killSwitches = pgTable('kill_switches', {
  featureId: integer('feature_id')
    .primaryKey()
    .references(() => features.id, { onDelete: 'cascade' }),
  killed: boolean('killed').notNull().default(false),
  reason: text('reason'),
  /** Taken from switch_version_seq on every change: the highest is the set's version. */
  version: bigint('version', { mode: 'number' }).notNull(),
  updatedAt: updatedAt(),
  updatedBy: text('updated_by'),
});

/**
 * Flag triggers: secret URLs (POST /api/v1/triggers/{secret}) that kill or restore one feature's
 * switch when an alerting system (Alertmanager, Grafana, anything that can POST) calls them
 * (lib/triggers/, docs/triggers.md). Only the SHA-256 of the secret is kept: it is shown once.
 */
export const switchTriggers = pgTable(
  'switch_triggers',
  {
    id: serial('id').primaryKey(),
    featureId: integer('feature_id')
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** 'kill' or 'restore': what a firing alert (or any other POST) does to the switch. */
    action: text('action').notNull(),
    /** For a kill trigger: restore the switch when the alert resolves, if this trigger killed it. */
    restoreOnResolve: boolean('restore_on_resolve').notNull().default(false),
    enabled: boolean('enabled').notNull().default(true),
    /** SHA-256 of the secret: secrets are long random strings, so a fast hash is enough. */
    secretHash: text('secret_hash').notNull(),
    /** The secret's last characters, so people can tell which one a system holds. */
    secretHint: text('secret_hint').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    rotatedAt: tz('rotated_at'),
    lastUsedAt: tz('last_used_at'),
  },
  (t) => [
    uniqueIndex('switch_triggers_secret_hash_idx').on(t.secretHash),
    uniqueIndex('switch_triggers_feature_name_idx').on(t.featureId, t.name),
    check('switch_triggers_action_check', sql`${t.action} in ('kill', 'restore')`),
  ],
);

// ---------------------------------------------------------------- calls

/**
 * Raw calls, partitioned by day of `ts` (UTC) in migration 0003: calls_pYYYYMMDD. Retention drops
 * whole partitions (lib/calls/retention.ts); partitions are created ahead of the rows that need them
 * (lib/calls/partitions.ts). The primary key must hold the partition key, so a call is (id, ts).
 */
export const calls = pgTable(
  'calls',
  {
    id: uuid('id').notNull(),
    featureId: integer('feature_id')
      .notNull()
      .references(() => features.id),
    ts: tz('ts').notNull(),
    receivedAt: createdAt(),
    model: text('model').notNull(),
    provider: text('provider'),
    outcome: outcomeEnum('outcome').notNull(),
    errorType: errorTypeEnum('error_type'),
    route: routeEnum('route').notNull(),
    fallbackDepth: smallint('fallback_depth').notNull().default(0),
    latencyMs: integer('latency_ms').notNull(),
    ttftMs: integer('ttft_ms'),
    inputTokens: integer('input_tokens'),
    outputTokens: integer('output_tokens'),
    cachedInputTokens: integer('cached_input_tokens'),
    costUsd: doublePrecision('cost_usd'),
    /** 'client' when the caller sent the cost, 'price_table' when computed, null when unknown. */
    costSource: text('cost_source'),
    score: real('score'),
    userId: text('user_id'),
    sessionId: text('session_id'),
    environment: text('environment').notNull(),
    release: text('release'),
    /**
     * The transaction that stored the call (pg_current_xact_id()): the rollup aggregator counts
     * calls by it, exactly once (db/queries/rollup-aggregator.ts). Null for calls whose rollups were
     * written with them (stored before migration 0010, or bulk-loaded with their rollups).
     */
    ingestXid: bigint('ingest_xid', { mode: 'bigint' }).default(sql`(pg_current_xact_id()::text)::bigint`),
  },
  (t) => [
    // The aggregator's range scan (why not BRIN: migration 0010).
    index('calls_ingest_xid_idx').on(t.ingestXid),
    // id leads, so a lookup by id alone uses it (probing each partition's index).
    primaryKey({ name: 'calls_pkey', columns: [t.id, t.ts] }),
    // The explorer's keyset order (ts desc, id desc), with and without a feature. NULLS FIRST is what
    // ORDER BY … DESC means; drizzle's desc() alone writes NULLS LAST, which the planner cannot use.
    index('calls_feature_ts_id_idx').on(t.featureId, t.ts.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('calls_ts_id_idx').on(t.ts.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // A feature's failed calls, newest first (the explorer's "errors of this feature"): only the
    // ~2 % of rows that failed, so it costs ingestion little; without it the page read every call
    // of the feature in the window (~57,000 rows a day at 10 M calls a month) to keep the errors.
    index('calls_errors_feature_ts_id_idx')
      .on(t.featureId, t.ts.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`outcome = 'error'`),
  ],
);

/**
 * The columns of a rollup row: calls of one feature, environment, model and route in one time
 * bucket. The *_hist columns count calls per bucket of a histogram scale, trailing empty buckets
 * omitted (latency_hist, ttft_hist: lib/rollups/histogram.ts; cost_hist, score_hist:
 * lib/rollups/scales.ts); stored rows are merged with the SQL function hist_add.
 */
const rollupColumns = () => ({
  bucketStart: tz('bucket_start').notNull(),
  // No foreign key: the per-row check cost ~20 % of the upsert in the demo seed, and rollups
  // outlive the raw calls anyway.
  featureId: integer('feature_id').notNull(),
  environment: text('environment').notNull(),
  model: text('model').notNull(),
  route: routeEnum('route').notNull(),
  calls: integer('calls').notNull(),
  okCalls: integer('ok_calls').notNull(),
  errorCalls: integer('error_calls').notNull(),
  errTimeout: integer('err_timeout').notNull(),
  errRateLimit: integer('err_rate_limit').notNull(),
  errServerError: integer('err_server_error').notNull(),
  errNetwork: integer('err_network').notNull(),
  errContentFilter: integer('err_content_filter').notNull(),
  errOther: integer('err_other').notNull(),
  inputTokens: bigint('input_tokens', { mode: 'number' }).notNull(),
  outputTokens: bigint('output_tokens', { mode: 'number' }).notNull(),
  cachedInputTokens: bigint('cached_input_tokens', { mode: 'number' }).notNull(),
  costUsd: doublePrecision('cost_usd').notNull(),
  /** Calls with a known cost (the rest are "uncosted"). */
  costedCalls: integer('costed_calls').notNull(),
  scoredCalls: integer('scored_calls').notNull(),
  scoreSum: doublePrecision('score_sum').notNull(),
  ttftCalls: integer('ttft_calls').notNull(),
  ttftSumMs: bigint('ttft_sum_ms', { mode: 'number' }).notNull(),
  latencySumMs: bigint('latency_sum_ms', { mode: 'number' }).notNull(),
  latencyHist: integer('latency_hist').array().notNull(),
  /** Over the calls with a TTFT (ttft_calls of them). */
  ttftHist: integer('ttft_hist')
    .array()
    .notNull()
    .default(sql`'{}'::integer[]`),
  /** Over the calls with a known cost (costed_calls). */
  costHist: integer('cost_hist')
    .array()
    .notNull()
    .default(sql`'{}'::integer[]`),
  /** Over the scored calls (scored_calls). */
  scoreHist: integer('score_hist')
    .array()
    .notNull()
    .default(sql`'{}'::integer[]`),
});

/**
 * Per-minute aggregates of calls by feature, environment, model and route: what dashboards read
 * (with call_rollups_hourly) instead of raw calls. Added up from the stored calls about once a
 * second by the rollup aggregator (db/queries/rollup-aggregator.ts) and rebuildable from raw calls
 * (rebuildRollups in lib/rollups/rebuild.ts).
 */
export const callRollups = pgTable('call_rollups', rollupColumns(), (t) => [
  primaryKey({ columns: [t.featureId, t.bucketStart, t.environment, t.model, t.route] }),
  index('call_rollups_bucket_idx').on(t.bucketStart),
]);

/**
 * The same aggregates per clock hour (UTC), written in the same statement as the minute rows so
 * that both always hold the same calls: long ranges read these and minute rows only for the
 * partial hours at their edges (db/queries/rollup-source.ts).
 */
export const callRollupsHourly = pgTable('call_rollups_hourly', rollupColumns(), (t) => [
  primaryKey({ columns: [t.featureId, t.bucketStart, t.environment, t.model, t.route] }),
  index('call_rollups_hourly_bucket_idx').on(t.bucketStart),
]);

/**
 * The same aggregates over all time, per feature, environment, model and route: what the
 * Prometheus counters read (a few thousand rows instead of every hour ever). Written in the same
 * statement as the minute and hour rows; rebuilt as the sum of the hourly rows.
 */
const { bucketStart: _noBucket, ...totalColumns } = rollupColumns();
export const callRollupsTotal = pgTable('call_rollups_total', totalColumns, (t) => [
  primaryKey({ columns: [t.featureId, t.environment, t.model, t.route] }),
]);

/**
 * One row: every call stored by a transaction below `next_xid` is in the rollups; the calls of
 * later transactions are not yet. The aggregator advances it in the transaction that adds the
 * calls up.
 */
export const rollupWatermark = pgTable('rollup_watermark', {
  id: boolean('id').primaryKey().default(true),
  nextXid: bigint('next_xid', { mode: 'bigint' }).notNull(),
});

/**
 * Redacted prompt, completion and metadata: kept out of the hot rows. Partitioned like calls, by
 * the call's `ts` (call_bodies_pYYYYMMDD), so that retention drops a day of both together. No
 * foreign key to calls: on partitioned tables it costs a lookup per inserted body, and both rows
 * are written in one transaction and dropped by the same day anyway. Join on (call_id, ts).
 */
export const callBodies = pgTable(
  'call_bodies',
  {
    callId: uuid('call_id').notNull(),
    ts: tz('ts').notNull(),
    prompt: jsonb('prompt'),
    completion: text('completion'),
    metadata: jsonb('metadata'),
    /** Counts of placeholders put in by redaction, by type: { EMAIL: 2 }. */
    redactions: jsonb('redactions'),
  },
  (t) => [primaryKey({ name: 'call_bodies_pkey', columns: [t.callId, t.ts] })],
);

export const modelPrices = pgTable(
  'model_prices',
  {
    id: serial('id').primaryKey(),
    provider: text('provider').notNull(),
    /** A glob over the model name: `gpt-4o-mini*`. The longest matching pattern wins. */
    modelPattern: text('model_pattern').notNull(),
    inputPerMTok: doublePrecision('input_per_mtok').notNull(),
    outputPerMTok: doublePrecision('output_per_mtok').notNull(),
    cachedInputPerMTok: doublePrecision('cached_input_per_mtok'),
    effectiveFrom: tz('effective_from').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('model_prices_pattern_from_idx').on(t.modelPattern, t.effectiveFrom)],
);

export const redactionRules = pgTable('redaction_rules', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  /** A JavaScript regular expression source, applied with the g flag. */
  pattern: text('pattern').notNull(),
  /** Placeholder name: matches become `[NAME]`. */
  placeholder: text('placeholder').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: createdAt(),
});

// ---------------------------------------------------------------- SLOs, budgets, alerts

export const slos = pgTable(
  'slos',
  {
    id: serial('id').primaryKey(),
    featureId: integer('feature_id')
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sli: sliEnum('sli').notNull(),
    /** The SLI's own settings (thresholdMs, measure, source, minScore, …): docs/slos.md#the-document. */
    config: jsonb('config').notNull(),
    objective: doublePrecision('objective').notNull(),
    windowDays: smallint('window_days').notNull(),
    environment: text('environment').notNull().default('production'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('slos_feature_name_idx').on(t.featureId, t.name)],
);

export const costBudgets = pgTable('cost_budgets', {
  featureId: integer('feature_id')
    .primaryKey()
    .references(() => features.id, { onDelete: 'cascade' }),
  dailyUsd: doublePrecision('daily_usd'),
  monthlyUsd: doublePrecision('monthly_usd'),
  thresholds: doublePrecision('thresholds')
    .array()
    .notNull()
    .default(sql`'{0.5,0.8,1}'`),
  updatedAt: updatedAt(),
});

export const alerts = pgTable(
  'alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    featureId: integer('feature_id')
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    sloId: integer('slo_id').references(() => slos.id, { onDelete: 'set null' }),
    /** 'burn_rate', 'budget_threshold', 'cost_spike', … */
    kind: text('kind').notNull(),
    severity: alertSeverityEnum('severity').notNull(),
    state: alertStateEnum('state').notNull().default('firing'),
    /** Identifies "the same alert" so that re-evaluation does not open a duplicate. */
    fingerprint: text('fingerprint').notNull(),
    title: text('title').notNull(),
    /** The numbers that fired it: burn rates, spend, expected vs actual. */
    details: jsonb('details').notNull(),
    startedAt: tz('started_at').notNull().defaultNow(),
    resolvedAt: tz('resolved_at'),
    acknowledgedAt: tz('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
  },
  (t) => [
    index('alerts_feature_started_idx').on(t.featureId, t.startedAt),
    uniqueIndex('alerts_one_firing_idx')
      .on(t.fingerprint)
      .where(sql`state = 'firing'`),
  ],
);

export const webhooks = pgTable(
  'webhooks',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** What the receiver reads: Slack-compatible JSON, PagerDuty Events API v2 or the Opsgenie Alert API. */
    kind: webhookKindEnum('kind').notNull().default('slack'),
    url: text('url').notNull(),
    /**
     * PagerDuty's integration (routing) key or Opsgenie's API key, in plain text like the Slack URL
     * in `url`: it is sent with every delivery, so it cannot be hashed. Only admins reach it, and
     * pages, the audit log and the delivery log show its last 4 characters (docs/alerts.md).
     */
    secret: text('secret'),
    enabled: boolean('enabled').notNull().default(true),
    minSeverity: alertSeverityEnum('min_severity').notNull().default('ticket'),
    createdAt: createdAt(),
  },
  (t) => [check('webhooks_paging_secret', sql`${t.kind} = 'slack' or ${t.secret} is not null`)],
);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    webhookId: integer('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    alertId: bigint('alert_id', { mode: 'number' })
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    attempts: smallint('attempts').notNull().default(0),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    /** Due time while pending (or the lease of the worker sending it); null once delivered or failed. */
    nextAttemptAt: tz('next_attempt_at'),
    deliveredAt: tz('delivered_at'),
    /** Set when the worker gave up (too many attempts, or a 4xx that retrying cannot fix). */
    failedAt: tz('failed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('webhook_deliveries_pending_idx').on(t.nextAttemptAt),
    // One delivery per webhook, alert and event, so an enqueue repeated by a racing evaluator is a no-op.
    uniqueIndex('webhook_deliveries_once_idx').on(t.webhookId, t.alertId, t.event),
    index('webhook_deliveries_webhook_created_idx').on(t.webhookId, t.createdAt),
  ],
);

/** Every attempt of a delivery, for the delivery log (the delivery row keeps only the last). */
export const webhookDeliveryAttempts = pgTable(
  'webhook_delivery_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: bigint('delivery_id', { mode: 'number' })
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: smallint('attempt').notNull(),
    at: tz('at').notNull(),
    status: integer('status'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('webhook_delivery_attempts_delivery_idx').on(t.deliveryId, t.attempt)],
);

// ---------------------------------------------------------------- evals

export const evalRuns = pgTable(
  'eval_runs',
  {
    id: serial('id').primaryKey(),
    featureId: integer('feature_id')
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    name: text('name'),
    startedAt: tz('started_at').notNull(),
    finishedAt: tz('finished_at'),
    gitCommit: text('git_commit'),
    gitBranch: text('git_branch'),
    model: text('model'),
    promptVersion: text('prompt_version'),
    total: integer('total').notNull(),
    passed: integer('passed').notNull(),
    passRate: doublePrecision('pass_rate').notNull(),
    threshold: doublePrecision('threshold'),
    isBaseline: boolean('is_baseline').notNull().default(false),
    environment: text('environment').notNull().default('production'),
    summary: jsonb('summary'),
    createdAt: createdAt(),
  },
  (t) => [
    index('eval_runs_feature_started_idx').on(t.featureId, t.startedAt),
    // A feature has one baseline: the run its CI compares against (marking another unmarks it).
    uniqueIndex('eval_runs_one_baseline_idx')
      .on(t.featureId)
      .where(sql`is_baseline`),
  ],
);

export const evalResults = pgTable(
  'eval_results',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => evalRuns.id, { onDelete: 'cascade' }),
    caseName: text('case_name').notNull(),
    repeat: smallint('repeat').notNull().default(0),
    passed: boolean('passed').notNull(),
    score: doublePrecision('score'),
    /** The case's weight in the run's pass rate (Σ weight·passed / Σ weight). */
    weight: doublePrecision('weight').notNull().default(1),
    input: jsonb('input'),
    output: text('output'),
    expected: text('expected'),
    assertions: jsonb('assertions'),
    latencyMs: integer('latency_ms'),
    costUsd: doublePrecision('cost_usd'),
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.caseName, t.repeat] })],
);

/**
 * The releases a feature's calls carried, per environment, with the time of the first call of each
 * (as first ingested): the release markers of the feature page. Written at ingest, once per new
 * release; kept when retention drops the calls.
 */
export const featureReleases = pgTable(
  'feature_releases',
  {
    featureId: integer('feature_id')
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    environment: text('environment').notNull(),
    release: text('release').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.featureId, t.environment, t.release] }),
    index('feature_releases_seen_idx').on(t.featureId, t.environment, t.firstSeenAt),
  ],
);

/**
 * Scores that arrive after their call (POST /api/v1/scores: a user's thumbs-down, an LLM judge, a
 * review), one per call and name; a later score of the same name replaces it. The call's score
 * (calls.score, what SLOs, charts and the explorer read) is the latest score written. No foreign
 * key to calls: calls are partitioned by day and dropped by retention, which drops these too.
 */
export const callScores = pgTable(
  'call_scores',
  {
    callId: uuid('call_id').notNull(),
    name: text('name').notNull(),
    value: real('value').notNull(),
    comment: text('comment'),
    source: text('source'),
    /** The call's timestamp, for retention. */
    callTs: tz('call_ts').notNull(),
    featureId: integer('feature_id')
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.name] }), index('call_scores_call_ts_idx').on(t.callTs)],
);

/**
 * Each change of a call's score after the call was stored, for the rollup aggregator: it moves the
 * call's score in its rollup rows from old_score to new_score, exactly once (by ingest_xid, as
 * calls). Rows below the aggregator's watermark have been applied and are deleted.
 */
export const scoreChanges = pgTable(
  'score_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    callId: uuid('call_id').notNull(),
    ts: tz('ts').notNull(),
    featureId: integer('feature_id').notNull(),
    environment: text('environment').notNull(),
    model: text('model').notNull(),
    route: routeEnum('route').notNull(),
    oldScore: real('old_score'),
    newScore: real('new_score'),
    ingestXid: bigint('ingest_xid', { mode: 'bigint' })
      .notNull()
      .default(sql`(pg_current_xact_id()::text)::bigint`),
  },
  (t) => [index('score_changes_ingest_xid_idx').on(t.ingestXid), index('score_changes_call_idx').on(t.callId, t.id)],
);
