// next-auth configuration: e-mail + password against the users table, JWT sessions.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getControlDb } from '@/db';
import { findUserByEmail } from '@/db/queries/users';
import { dummyPasswordHash, verifyPassword } from './password';
import { clientAddress, getLoginLimiter } from './login-limiter';
import { getAuthSecret } from './secret';

const CredentialsSchema = z.object({ email: z.email(), password: z.string().min(1).max(1024) });

/**
 * Checks the password, unless the account or the client is locked out for guessing: then the
 * thrown message reaches the sign-in form (next-auth passes it on as the `error`), and even the
 * right password is refused until the lockout ends.
 */
async function authorize(raw: unknown, request: { headers?: Record<string, unknown> }) {
  const parsed = CredentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const limiter = getLoginLimiter();
  const client = clientAddress(request?.headers);
  limiter.check(parsed.data.email, client);
  const db = await getControlDb();
  const user = await findUserByEmail(db, parsed.data.email);
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) {
    limiter.failed(parsed.data.email, client);
    return null;
  }
  if (user.disabledAt) return null;
  limiter.succeeded(parsed.data.email);
  return { id: String(user.id), email: user.email, name: user.name ?? user.email, role: user.role };
}

export async function getAuthOptions(): Promise<NextAuthOptions> {
  return {
    secret: await getAuthSecret(),
    session: { strategy: 'jwt', maxAge: 7 * 24 * 3600 },
    pages: { signIn: '/login' },
    providers: [
      CredentialsProvider({
        name: 'E-mail and password',
        credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize,
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = Number(user.id);
          token.role = user.role;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.uid && token.role) {
          session.user.id = token.uid;
          session.user.role = token.role;
        }
        return session;
      },
    },
  };
}
