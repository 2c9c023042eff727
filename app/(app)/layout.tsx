import type { ReactNode } from 'react';
import { AppNav } from '@/components/layout/app-nav';
import { requirePageUser } from '@/lib/auth/page-user';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <div className="min-h-screen">
      <AppNav user={{ email: user.email, role: user.role }} />
      <main className="mx-auto max-w-6xl px-3 py-4 sm:px-6 sm:py-6">{children}</main>
    </div>
  );
}
