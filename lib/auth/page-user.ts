// The guard every dashboard page calls itself. The (app) layout's sign-in check is not enough:
// when the client router (or anyone sending its headers) asks for a page's RSC payload while
// claiming the layout is already mounted, Next renders only the page segment, not the layout.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getCurrentUser, type CurrentUser } from './current-user';
import { PAGE_URL_HEADER, signInPath } from './page-url';

/** The signed-in user, or a redirect to sign in that comes back to this page afterwards. */
export async function requirePageUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath((await headers()).get(PAGE_URL_HEADER)));
  return user;
}
