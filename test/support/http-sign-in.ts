// Signing in over plain HTTP, as the login form does through next-auth: fetch a CSRF token, then
// post the credentials. Answers what next-auth said and the cookies it set.

export interface SignInResult {
  /** The session cookie (`name=value`), or null when sign-in was refused. */
  session: string | null;
  /** next-auth's error (`CredentialsSignin`, or the lockout message), or null. */
  error: string | null;
  /** Every Set-Cookie header of the callback response, as sent. */
  setCookies: string[];
}

function cookiePairs(setCookies: string[]): string {
  return setCookies.map((c) => c.split(';')[0]).join('; ');
}

export async function signInOverHttp(
  baseUrl: string,
  credentials: { email: string; password: string },
  headers: Record<string, string> = {},
): Promise<SignInResult> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      ...headers,
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookiePairs(csrf.headers.getSetCookie()),
    },
    body: new URLSearchParams({ ...credentials, csrfToken, json: 'true' }),
  });
  const setCookies = res.headers.getSetCookie();
  const { url } = (await res.json()) as { url: string };
  const session = setCookies.find((c) => /next-auth\.session-token=/.test(c));
  return {
    session: session ? session.split(';')[0] : null,
    error: new URL(url, baseUrl).searchParams.get('error'),
    setCookies,
  };
}
