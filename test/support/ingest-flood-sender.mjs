// One process of an ingestion flood (test/support/ingest-flood.ts starts several). Plain
// JavaScript so that it starts without a loader. Its senders post `batch`-call bodies without
// pause, or after Retry-After when shed, until the parent says "stop"; then it sends back what it
// saw and exits. In its own process so that building 1 MB bodies never delays the process that
// times the switch flips.
import { randomUUID } from 'node:crypto';

const { url, keys, senders, batch, callJson, hangMs } = JSON.parse(process.argv[2]);
const tail = callJson.slice(1); // the call without its opening brace: an id goes in front
const byStatus = {};
let withoutRetryAfter = 0;
const requestMs = [];
let running = true;

function body() {
  const calls = new Array(batch);
  for (let i = 0; i < batch; i++) calls[i] = `{"id":"${randomUUID()}",${tail}`;
  return `{"calls":[${calls.join(',')}]}`;
}

function count(status, response) {
  byStatus[status] = (byStatus[status] ?? 0) + 1;
  if ((status === '503' || status === '429') && !response?.headers.get('retry-after')) withoutRetryAfter++;
}

async function sender(i) {
  while (running) {
    const began = performance.now();
    let retryAfterS = 0;
    try {
      const response = await fetch(`${url}/api/v1/calls`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${keys[i % keys.length]}`, 'Content-Type': 'application/json' },
        body: body(),
        signal: AbortSignal.timeout(3 * hangMs),
      });
      await response.arrayBuffer();
      count(String(response.status), response);
      retryAfterS = Number(response.headers.get('retry-after') ?? 0);
    } catch (err) {
      count(err.name === 'TimeoutError' ? 'timeout' : 'network');
    }
    requestMs.push(performance.now() - began);
    // Like the SDK's exporter: send again at once after a success, after Retry-After when shed.
    if (retryAfterS > 0 && running) await new Promise((r) => setTimeout(r, retryAfterS * 1000));
  }
}

const done = Promise.all(Array.from({ length: senders }, (_, i) => sender(i)));
process.on('message', async (message) => {
  if (message !== 'stop') return;
  running = false;
  await done;
  process.send({ byStatus, withoutRetryAfter, requestMs }, () => process.exit(0));
});
// A parent that died without saying stop leaves no flood behind.
process.on('disconnect', () => process.exit(1));
process.send('started');
