'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The settings sections. Later sections (prices, redaction) add a line here. */
const TABS = [
  { href: '/settings/keys', label: 'API keys' },
  { href: '/settings/users', label: 'Users' },
  { href: '/settings/webhooks', label: 'Webhooks' },
];

export function SettingsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="-mx-3 mt-3 overflow-x-auto border-b border-border px-3 sm:mx-0 sm:px-0">
      <ul className="flex gap-1">
        {TABS.map(({ href, label }) => {
          const current = pathname.startsWith(href);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? 'page' : undefined}
                className="-mb-px flex min-h-11 items-center border-b-2 border-transparent px-3 text-sm font-medium whitespace-nowrap text-muted hover:text-text aria-[current=page]:border-accent aria-[current=page]:text-text"
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
