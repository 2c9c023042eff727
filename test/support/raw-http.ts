// HTTP requests with full control over the bytes: raw header lists (duplicates, huge values),
// bodies that are not valid UTF-8, and a deadline so that a hang is reported, not waited out.
import { request } from 'node:http';
import { readFileSync } from 'node:fs';

export interface RawResponse {
  status: number;
  contentType: string;
  body: string;
  /** The body as sent (for binary answers such as OTLP's protobuf). */
  bytes: Buffer;
  /** The server did not answer within the deadline. */
  hung?: boolean;
}

export function rawRequest(
  url: string,
  init: { method: string; headers: [string, string][]; body?: Buffer },
  timeoutMs = 15_000,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // A raw header list (duplicates kept as sent) gets no automatic Host header.
    const flat = ['host', new URL(url).host, ...init.headers.flat()];
    if (init.body && !init.headers.some(([name]) => name === 'content-length'))
      flat.push('content-length', String(init.body.length));
    const req = request(url, { method: init.method, headers: flat, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: bytes.toString('utf8'),
          bytes,
        });
      });
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve({ status: 0, contentType: '', body: '', bytes: Buffer.alloc(0), hung: true });
    });
    // The server may answer (413, 431) and close before it has read everything we send.
    req.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err),
    );
    req.end(init.body);
  });
}

/** Resident memory of a process and its children, in bytes (Linux /proc). */
export function residentBytes(pid: number): number {
  const pageKb = 4;
  let total = 0;
  const queue = [pid];
  while (queue.length) {
    const p = queue.pop()!;
    const statm = readFileSync(`/proc/${p}/statm`, 'utf8').split(' ');
    total += Number(statm[1]) * pageKb * 1024;
    try {
      queue.push(
        ...readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
      );
    } catch {
      // no children file on this kernel: the process alone
    }
  }
  return total;
}
