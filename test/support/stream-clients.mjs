// One process of many switch-stream clients (test/bench/stream-fanout.bench.test.ts starts
// several). Plain JavaScript over node:http, so that thousands of streams cost this process
// little and the figure is the server's: it notes, per switch event id (the flip's version), when
// each stream received it, as wall-clock milliseconds (performance.timeOrigin + now) that the
// parent compares with when it sent the flip.
import http from 'node:http';

const { url, key, streams, connectBatch } = JSON.parse(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
/** version → arrival times */
const arrivals = new Map();
let open = 0;
let failed = 0;
const requests = [];
const MARK = 'event: switch\nid: ';

function connect() {
  return new Promise((resolve) => {
    const request = http.get(
      `${url}/api/v1/switches/stream`,
      { agent, headers: { Authorization: `Bearer ${key}`, Accept: 'text/event-stream' } },
      (response) => {
        if (response.statusCode !== 200) {
          failed++;
          response.resume();
          return resolve();
        }
        open++;
        let tail = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          const now = performance.timeOrigin + performance.now();
          // Events end with a blank line; an event split over two chunks is read when it is whole.
          const text = tail + chunk;
          const cut = text.lastIndexOf('\n\n');
          tail = cut === -1 ? text.slice(-4096) : text.slice(cut + 2);
          for (let at = text.indexOf(MARK); at !== -1 && at < cut; at = text.indexOf(MARK, at + 1)) {
            const version = Number(text.slice(at + MARK.length, text.indexOf('\n', at + MARK.length)));
            let list = arrivals.get(version);
            if (!list) arrivals.set(version, (list = []));
            list.push(now);
          }
        });
        response.on('close', () => open--);
        // The snapshot has arrived once the first chunk is in: the stream is live.
        response.once('data', () => resolve());
      },
    );
    request.on('error', () => {
      failed++;
      resolve();
    });
    requests.push(request);
  });
}

for (let i = 0; i < streams; i += connectBatch) {
  await Promise.all(Array.from({ length: Math.min(connectBatch, streams - i) }, connect));
}
process.send({ kind: 'connected', open, failed });
process.on('message', (message) => {
  if (message !== 'report') return;
  for (const request of requests) request.destroy();
  process.send({ kind: 'report', open, failed, arrivals: [...arrivals] }, () => process.exit(0));
});
process.on('disconnect', () => process.exit(1));
