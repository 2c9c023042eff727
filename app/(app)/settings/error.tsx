'use client';

import { Button } from '@/components/ui/button';

export default function SettingsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-bad bg-bad-bg p-4 text-sm">
      <p className="font-semibold text-bad">Settings could not be loaded.</p>
      <p className="mt-1 text-text">The database may be unreachable for a moment. Nothing was changed.</p>
      <Button variant="secondary" className="mt-3" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
