// Who is asking: the signed-in user, re-read from the database on every request so that a role
// change or a disabled account takes effect at once (the session token is only an identity).
import { getServerSession } from 'next-auth';
import { getControlDb } from '@/db';
import { findUserById } from '@/db/queries/users';
import { getAuthOptions } from './options';
import type { Role } from './roles';

export interface CurrentUser {
  id: number;
  email: string;
  name: string | null;
  role: Role;
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(await getAuthOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const user = await findUserById(await getControlDb(), id);
  if (!user || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
