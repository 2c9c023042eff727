// In the browser, zod must not probe for eval (`new Function('')`, to compile fast parsers): the
// Content-Security-Policy (next.config.ts) forbids eval, so the probe would be reported as a
// violation on every page. Browser-side parsing is of small forms; the server keeps the fast path.
import { z } from 'zod';

if (typeof window !== 'undefined') z.config({ jitless: true });
