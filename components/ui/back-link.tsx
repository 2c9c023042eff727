import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';

/** The way back up, above a page's title: "← Overview", "← checkout evals". */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      className="inline-flex min-h-11 items-center gap-1 self-start text-sm text-muted underline-offset-2 hover:underline"
    >
      <ArrowLeft aria-hidden className="size-4" /> {children}
    </Link>
  );
}
