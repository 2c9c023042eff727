'use client';

// The feature's kill switch on its page: the switches page's card (same flip dialog, same
// confirmed-state rules) with its audit trail open. After a flip the page re-reads its markers.
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { SwitchCard } from '@/components/switches/switch-card';
import type { FlipAction } from '@/components/switches/types';
import { fetchJson } from '@/lib/api/fetch-json';
import type { SwitchDocument } from '@/lib/switches/document';

const POLL_MS = 4_000;

export function FeatureSwitch({
  featureKey,
  initial,
  flip,
}: {
  featureKey: string;
  initial: SwitchDocument;
  flip: FlipAction | null;
}) {
  const query = useQuery({
    queryKey: ['switches'],
    queryFn: () => fetchJson<SwitchDocument>('/api/v1/switches'),
    initialData: initial,
    refetchInterval: POLL_MS,
  });
  const state = query.data.switches.find((s) => s.feature === featureKey) ?? {
    feature: featureKey,
    killed: false,
    reason: null,
    updatedAt: null,
    updatedBy: null,
  };
  const router = useRouter();
  const seen = useRef(state.updatedAt);
  useEffect(() => {
    if (seen.current === state.updatedAt) return;
    seen.current = state.updatedAt;
    router.refresh();
  }, [state.updatedAt, router]);

  return (
    <ul aria-label="Kill switch">
      <SwitchCard state={state} flip={flip} />
    </ul>
  );
}
