// The one place that reads process.env: everything else imports `env`.
import { z } from 'zod';

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

const postgresUrl = optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'));

const EnvSchema = z.object({
  DATABASE_URL: postgresUrl,
  /** A hot standby of DATABASE_URL for dashboard and API reads (docs/scaling.md). */
  DATABASE_READ_URL: postgresUrl,
  /** A direct connection to the primary for LISTEN, when DATABASE_URL goes through a transaction pooler. */
  DATABASE_LISTEN_URL: postgresUrl,
  /** Reads go to the primary instead while the replica is further behind than this. */
  SWITCHBOARD_READ_MAX_LAG_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().positive().default(30)),
  SWITCHBOARD_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.data')),
  SWITCHBOARD_ADMIN_EMAIL: optional(z.email()),
  SWITCHBOARD_ADMIN_PASSWORD: optional(z.string().min(8, 'must be at least 8 characters')),
  /** Password for `switchboard users create` / `users set-password`, kept out of shell history. */
  SWITCHBOARD_PASSWORD: optional(z.string()),
  SWITCHBOARD_DEMO: optional(z.enum(['0', '1', 'true', 'false'])),
  NEXTAUTH_SECRET: optional(z.string().min(16)),
  NEXTAUTH_URL: optional(z.url()),
  /** Ingestion requests per second per API key (token bucket refill rate), and its burst. */
  SWITCHBOARD_INGEST_RATE_PER_SEC: z.preprocess(emptyToUndefined, z.coerce.number().positive().default(100)),
  SWITCHBOARD_INGEST_BURST: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(200)),
  /** Ingestion requests one process works on at once, and how many more may wait (up to 2 s) for a slot; beyond, 503 + Retry-After. */
  SWITCHBOARD_INGEST_MAX_IN_FLIGHT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(4)),
  SWITCHBOARD_INGEST_MAX_QUEUED: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(64)),
  /** Days of raw calls kept (overrides the retentionDays setting); rollups are kept regardless. */
  SWITCHBOARD_RETENTION_DAYS: optional(z.coerce.number().int().min(1).max(3650)),
  /** Where `switchboard demo` sends its traffic, and the key it uses (ingest, switches:read). */
  SWITCHBOARD_URL: optional(z.url()),
  SWITCHBOARD_API_KEY: optional(z.string()),
  /** 1: GET /api/metrics answers without an API key (for scrapers on a private network). */
  SWITCHBOARD_METRICS_PUBLIC: optional(z.enum(['0', '1', 'true', 'false'])),
  /** 0: the server does not evaluate alerts itself (run `switchboard alerts evaluate --loop` instead). */
  SWITCHBOARD_ALERT_EVALUATOR: optional(z.enum(['0', '1', 'true', 'false'])),
  /** Origins whose browser apps may call OFREP (comma-separated, e.g. https://shop.example.com), or `*`. */
  SWITCHBOARD_OFREP_CORS_ORIGINS: optional(z.string()),
  /** OFREP evaluations per second per API key, and the burst (beyond: 429 + Retry-After). */
  SWITCHBOARD_OFREP_RATE_PER_SEC: z.preprocess(emptyToUndefined, z.coerce.number().positive().default(50)),
  SWITCHBOARD_OFREP_BURST: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(200)),
  /** OTLP/gRPC trace receiver's port (off when unset; docs/otlp.md), and the address it binds to. */
  SWITCHBOARD_OTLP_GRPC_PORT: optional(z.coerce.number().int().min(0).max(65535)),
  SWITCHBOARD_OTLP_GRPC_HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
  /** Set by `next start -p`; used to print where to log in. */
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Env = z.infer<typeof EnvSchema>;

function loadEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const env = loadEnv();

/** Demo data is seeded on the first start of the embedded database unless turned off. */
export function demoEnabled(): boolean {
  if (env.SWITCHBOARD_DEMO) return env.SWITCHBOARD_DEMO === '1' || env.SWITCHBOARD_DEMO === 'true';
  return !env.DATABASE_URL;
}

/** The server evaluates alerts every minute unless SWITCHBOARD_ALERT_EVALUATOR is 0 or false. */
export function alertEvaluatorEnabled(): boolean {
  return env.SWITCHBOARD_ALERT_EVALUATOR !== '0' && env.SWITCHBOARD_ALERT_EVALUATOR !== 'false';
}

/** GET /api/metrics needs a key with the `read` scope unless SWITCHBOARD_METRICS_PUBLIC is set. */
export function metricsPublic(): boolean {
  return env.SWITCHBOARD_METRICS_PUBLIC === '1' || env.SWITCHBOARD_METRICS_PUBLIC === 'true';
}

/** The dashboard's address for links in alerts and messages: NEXTAUTH_URL, else this machine's port. */
export function publicUrl(): string {
  return (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}
