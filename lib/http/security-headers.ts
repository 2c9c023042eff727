// The security headers of every response: Next adds them to its own (next.config.ts), the
// server's switch lane to the requests it serves (lib/server/switch-lane.ts).

/**
 * Only this origin may supply scripts, styles, images, fonts and connections; nothing may frame
 * the app, and forms post only back to it. Scripts and styles allow 'unsafe-inline' because
 * Next.js inlines its bootstrap and the RSC payload as <script> tags (nonces would force every
 * page to render per request); 'unsafe-eval' only in development, where React needs it.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === 'development' ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};
