#!/usr/bin/env node
// The production server (what `npm start` runs after its build check, and what the tests start):
// Next's request handler on a Node HTTP server of our own, so that keyed requests on the
// kill-switch path (the SDKs' streams, switch reads and flips) take the switch lane of
// lib/server/switch-lane.ts, which instrumentation.ts registers when Next prepares (compiled
// into the build, like every other server module).
// Plain JavaScript, run by Node as it is:  node lib/server/serve.mjs [--port P] [--hostname H]
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`serve: --port must be 1–65535, not ${values.port ?? process.env.PORT}.`);
  process.exit(2);
}
const hostname = values.hostname;

// Next reads NODE_ENV when it loads; production is what `next start` runs. Its anonymous
// telemetry stays off unless asked for (docs/configuration.md).
process.env.NODE_ENV = 'production';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
process.chdir(projectRoot);
const { default: next } = await import('next');
const app = next({ dev: false, dir: projectRoot, port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

// Lingering close (RFC 9112 §9.6) for a 413: it answers before the upload ends and closes the
// connection. Node's server then destroys the socket as soon as the answer is flushed, and the
// upload still arriving makes the kernel reset the connection: the client saw EPIPE instead of
// the 413 (which it must not retry). So after a 413 the server stops writing, keeps reading and
// discarding for a short while, and closes once the client has (or after LINGER_MS). Not after a
// 503 from ingestion's admission check: that one sheds load, and draining the unread bodies of
// shed batches is the work shedding avoids (a client retries a reset like a 503).
const LINGER_MS = 2_000;
function lingeringClose() {
  if (this.writable) this.end();
  const timer = setTimeout(() => this.destroy(), LINGER_MS);
  timer.unref();
  this.once('close', () => clearTimeout(timer));
  this.once('end', () => this.destroy());
  this.resume();
}

const server = http.createServer((req, res) => {
  res.once('prefinish', () => {
    if (res.statusCode === 413) req.socket.destroySoon = lingeringClose;
  });
  const serveInLane = globalThis.__switchboardSwitchLane?.route(req);
  if (serveInLane) void serveInLane(req, res);
  else void handle(req, res);
});
server.listen(port, hostname, () => console.log(`Switchboard is listening on ${hostname ?? '0.0.0.0'}:${port}.`));
// Like `next start`: a signal ends the process at once (open streams reconnect).
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
