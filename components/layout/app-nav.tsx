'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { Activity, Bell, FlaskConical, KeyRound, List, LogOut, Power } from 'lucide-react';

const LINKS = [
  { href: '/', label: 'Overview', icon: Activity },
  { href: '/switches', label: 'Switches', icon: Power },
  { href: '/alerts', label: 'Alerts', icon: Bell },
  { href: '/calls', label: 'Calls', icon: List },
  { href: '/evals', label: 'Evals', icon: FlaskConical },
  { href: '/settings/keys', label: 'Settings', icon: KeyRound },
];

export function AppNav({ user }: { user: { email: string; role: string } }) {
  const pathname = usePathname();
  const isActive = (href: string) =>
    href === '/' ? pathname === '/' : pathname.startsWith(href.split('/').slice(0, 2).join('/'));
  return (
    <header className="sticky top-0 z-10 border-b border-border bg-panel/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-1 px-2 sm:gap-4 sm:px-6">
        {/* On a phone the six sections need the width; Overview leads home there. */}
        <Link href="/" className="hidden min-h-11 items-center gap-2 px-2 font-bold sm:flex">
          <span aria-hidden className="inline-block size-3 rounded-full bg-accent" />
          <span className="hidden sm:inline">Switchboard</span>
        </Link>
        <nav aria-label="Main" className="flex flex-1 items-center gap-0.5 overflow-x-auto sm:gap-1">
          {LINKS.map(({ href, label, icon: Icon }) => (
            <Link
              key={href}
              href={href}
              aria-current={isActive(href) ? 'page' : undefined}
              className="flex min-h-11 min-w-11 flex-1 flex-col items-center justify-center gap-0.5 rounded-md px-0.5 text-[11px] font-medium tracking-tight sm:flex-none sm:tracking-normal text-muted hover:text-text aria-[current=page]:bg-bg aria-[current=page]:text-text sm:flex-row sm:gap-1.5 sm:px-3 sm:text-sm"
            >
              <Icon aria-hidden className="size-4" />
              {label}
            </Link>
          ))}
        </nav>
        <span className="hidden text-xs text-muted md:inline" title={user.email}>
          {user.email} · {user.role}
        </span>
        <button
          type="button"
          onClick={() => signOut({ callbackUrl: '/login' })}
          className="flex min-h-11 min-w-11 items-center justify-center gap-1.5 rounded-md px-2 text-sm text-muted hover:text-text sm:px-3"
        >
          <LogOut aria-hidden className="size-4" />
          <span className="sr-only sm:not-sr-only">Sign out</span>
        </button>
      </div>
    </header>
  );
}
