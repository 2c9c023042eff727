// Refuses API and OFREP paths that are not valid percent-encoded UTF-8 with the API's JSON 400. Next decodes
// route parameters before any handler runs and answers a bad escape (`/api/v1/switches/%ff`)
// with a bare 500, which clients would retry and monitors would count as an outage.
import { NextResponse, type NextRequest } from 'next/server';

export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return NextResponse.json(
      { error: { code: 'invalid_request', message: 'The path is not valid percent-encoded UTF-8.' } },
      { status: 400 },
    );
  }
  return NextResponse.next();
}

// Only API paths with a percent escape: Next buffers the body of every request a proxy sees (before
// the route's own size limit), so ingestion and ordinary paths must not pass through here.
export const config = {
  matcher: ['/api/:rest(.*%.*)', '/ofrep/:rest(.*%.*)'],
};
