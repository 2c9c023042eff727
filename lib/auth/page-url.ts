// The request header that carries a dashboard page's own path and query to its server components
// (set by proxy.ts, which overwrites whatever a client sent), and the sign-in link that returns there.

export const PAGE_URL_HEADER = 'x-switchboard-page-url';

/** `/login`, with `callbackUrl` when there is a page other than the overview to come back to. */
export function signInPath(pageUrl: string | null): string {
  return pageUrl && pageUrl !== '/' && pageUrl.startsWith('/')
    ? `/login?${new URLSearchParams({ callbackUrl: pageUrl })}`
    : '/login';
}
