// Runs before two kinds of requests (see `config`):
// - API and OFREP paths with a percent escape: refuses those that are not valid percent-encoded
//   UTF-8 with the API's JSON 400. Next decodes route parameters before any handler runs and answers
//   a bad escape (`/api/v1/switches/%ff`) with a bare 500, which clients would retry and monitors
//   would count as an outage.
// - Dashboard pages: passes the page's path and query on to the server components (which cannot
//   see them), so that a signed-out visit is sent to sign in and then back to that very page
//   (lib/auth/page-user.ts): an alert's link opened at 2 AM still opens the alert's view.
import { NextResponse, type NextRequest } from 'next/server';
import { PAGE_URL_HEADER } from '@/lib/auth/page-url';

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!pathname.startsWith('/api/') && !pathname.startsWith('/ofrep/')) {
    const headers = new Headers(request.headers);
    headers.set(PAGE_URL_HEADER, `${pathname}${search}`);
    return NextResponse.next({ request: { headers } });
  }
  try {
    decodeURIComponent(pathname);
  } catch {
    return NextResponse.json(
      { error: { code: 'invalid_request', message: 'The path is not valid percent-encoded UTF-8.' } },
      { status: 400 },
    );
  }
  return NextResponse.next();
}

// Only API paths with a percent escape: Next buffers the body of every request a proxy sees (before
// the route's own size limit), so ingestion and ordinary API paths must not pass through here. Pages
// (whose only bodies are small server-action posts) do; Next's own files and assets do not.
export const config = {
  matcher: ['/api/:rest(.*%.*)', '/ofrep/:rest(.*%.*)', '/((?!api/|ofrep/|_next/|favicon\\.ico|robots\\.txt).*)'],
};
