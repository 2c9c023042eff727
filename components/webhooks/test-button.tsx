'use client';

import { Send } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useAction } from '@/components/ui/use-action';
import type { TestAnswer, WebhookActions } from './types';

/** Sends a test message now and shows the receiver's answer under the button. */
export function TestWebhookButton({
  id,
  name,
  paging = false,
  testWebhook,
}: {
  id: number;
  name: string;
  /** A paging service gets a test incident that is resolved at once. */
  paging?: boolean;
  testWebhook: WebhookActions['testWebhook'];
}) {
  const { run, pending, error } = useAction(testWebhook, 'Could not reach Switchboard; no test was sent. Try again.');
  const [answer, setAnswer] = useState<TestAnswer | null>(null);

  async function send() {
    setAnswer(null);
    const result = await run({ id });
    if (result.ok) setAnswer(result.data);
  }

  const ok = answer && answer.error === null;
  return (
    <div className="flex flex-col gap-2">
      <Button
        variant="secondary"
        onClick={send}
        disabled={pending}
        aria-label={`Send a test message to ${name}`}
        className="sm:self-start"
      >
        <Send aria-hidden className="size-4" />
        {pending ? 'Sending…' : 'Send test'}
      </Button>
      <div role="status" aria-live="polite">
        {answer ? (
          <p className={`rounded-md px-3 py-2 text-sm break-words ${ok ? 'bg-ok-bg text-ok' : 'bg-bad-bg text-bad'}`}>
            {ok
              ? `Delivered: the receiver answered HTTP ${answer.status} in ${answer.durationMs} ms.${paging ? ' The test incident was opened and resolved at once.' : ''}`
              : `Not delivered: ${answer.error}`}
            {ok && answer.body ? <span className="block font-mono text-xs">{answer.body}</span> : null}
          </p>
        ) : null}
        {error ? <p className="rounded-md bg-bad-bg px-3 py-2 text-sm text-bad">{error}</p> : null}
      </div>
    </div>
  );
}
