import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';

export default function EvalRunNotFound() {
  return (
    <section className="flex flex-col gap-3 rounded-lg border border-dashed border-border bg-panel p-5">
      <h1 className="text-xl font-semibold">No such eval run</h1>
      <p className="text-sm text-muted">
        Check the run number in the address; the evals page lists every feature’s runs.
      </p>
      <Link href="/evals" className={buttonClass('secondary', 'self-start')}>
        Open the evals
      </Link>
    </section>
  );
}
