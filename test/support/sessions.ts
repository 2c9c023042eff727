// Signing in over plain HTTP (next-auth's credentials flow), for tests that need a session
// cookie without a browser.
import { baseUrl } from './system';

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]!);
}

/** A Cookie header carrying a session of `user`. */
export async function sessionCookie(user: { email: string; password: string }): Promise<string> {
  const csrf = await fetch(`${baseUrl()}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const signIn = await fetch(`${baseUrl()}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, email: user.email, password: user.password, json: 'true' }),
  });
  await signIn.body?.cancel();
  const session = cookiesOf(signIn).find((c) => c.includes('session-token='));
  if (!session) throw new Error(`Sign-in of ${user.email} failed with ${signIn.status}: no session cookie.`);
  return session;
}
