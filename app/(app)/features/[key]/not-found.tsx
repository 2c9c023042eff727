import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';

export default function FeatureNotFound() {
  return (
    <section className="flex flex-col gap-3 rounded-lg border border-dashed border-border bg-panel p-5">
      <h1 className="text-xl font-semibold">No such feature</h1>
      <p className="text-sm text-muted">
        A feature appears when its first call arrives. Check the spelling of the key in the address, or pick the feature
        on the overview.
      </p>
      <Link href="/" className={buttonClass('secondary', 'self-start')}>
        Open the overview
      </Link>
    </section>
  );
}
