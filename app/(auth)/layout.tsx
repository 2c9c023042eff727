import type { ReactNode } from 'react';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-4 py-10">
      <div className="flex items-center gap-2 text-lg font-bold">
        <span aria-hidden className="inline-block size-3 rounded-full bg-accent" />
        Switchboard
      </div>
      {children}
    </main>
  );
}
