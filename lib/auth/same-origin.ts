// CSRF defence for API mutations authorised by the session cookie: a browser always sends
// Origin (and Sec-Fetch-Site) on a cross-site POST, so one naming another site is refused.
// Server actions get the same check from Next.js itself; Bearer-key requests carry no cookie.
import { forbidden } from '@/lib/api/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host the browser addressed: the proxy's X-Forwarded-Host when there is one, else Host. */
function requestHost(request: Request): string | null {
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return forwarded || request.headers.get('host');
}

export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get('origin');
  if (origin !== null) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      // "null" (sandboxed frames, some redirects) or garbage: not this site
    }
    if (originHost !== null && originHost === requestHost(request)) return;
    throw forbidden(`Cross-site request refused: Origin ${origin.slice(0, 100)} is not this site.`);
  }
  if (request.headers.get('sec-fetch-site') === 'cross-site') throw forbidden('Cross-site request refused.');
}
