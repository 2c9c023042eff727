#!/usr/bin/env bash
# The README's test command: every check CI runs, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "typecheck"; npx tsc --noEmit
step "format"; npx prettier --check . --log-level warn
step "lint"; npx eslint . --max-warnings 0
step "unit tests"; npx vitest run --project unit
step "build (SDK, then app)"; npm run build
# An app with its own dependencies (Traceloop pins OpenTelemetry versions of its own), for the
# OTLP test with OpenLLMetry: installed fresh in CI, once on a developer's machine.
if [ -n "${CI:-}" ] || [ ! -d test/fixtures/traceloop-app/node_modules ]; then
  step "install the Traceloop app of the OTLP test"; npm ci --prefix test/fixtures/traceloop-app --no-audit --no-fund --loglevel=error
fi
step "integration and end-to-end tests (real Postgres, real browser)"; npx vitest run --project system
