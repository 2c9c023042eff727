'use client';

import { useQueryClient } from '@tanstack/react-query';
import { LoaderCircle, Power, PowerOff } from 'lucide-react';
import Link from 'next/link';
import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { useAction } from '@/components/ui/use-action';
import type { SwitchDocument, SwitchState } from '@/lib/switches/document';
import { FlipDialog } from './flip-dialog';
import { StateBadge } from './state-badge';
import { SwitchHistory } from './switch-history';
import type { FlipAction } from './types';
import { When } from './when';

interface Props {
  state: SwitchState;
  /** Null for viewers: they see the state and no control. */
  flip: FlipAction | null;
  /** The feature's recent health, shown under its name. */
  health?: ReactNode;
  /** Where the feature's name leads (its page); plain text without. */
  href?: string;
}

const UNCONFIRMED =
  'No answer from the server, so this flip is unconfirmed. The page is re-reading the switch; check its state before trying again.';

/** One feature's switch. Shows only what the server confirmed; a flip in flight says so. */
export function SwitchCard({ state, flip, health, href }: Props) {
  const queryClient = useQueryClient();
  /** The state the open dialog asks for; null when it is closed. */
  const [asking, setAsking] = useState<boolean | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const target = asking ?? !state.killed;
  // Pending until the switch set is re-read, so that the card never shows a guess.
  const { run, pending, error, fieldErrors, clearError } = useAction(async (reason: string) => {
    let result;
    try {
      result = await flip!({ featureKey: state.feature, killed: target, reason });
    } catch (err) {
      // No answer says nothing about whether the flip landed: refetch the truth before a retry.
      void queryClient.invalidateQueries({ queryKey: ['switches'] });
      throw err;
    }
    if (result.ok) {
      const { version, ...confirmed } = result.data.state;
      // The server's answer, not a guess: put it in place at once, then refetch the whole set.
      queryClient.setQueryData<SwitchDocument>(
        ['switches'],
        (doc) =>
          doc && {
            version: Math.max(doc.version, version),
            switches: doc.switches.map((s) => (s.feature === confirmed.feature ? confirmed : s)),
          },
      );
      await queryClient.invalidateQueries({ queryKey: ['switches'] });
      await queryClient.invalidateQueries({ queryKey: ['switch-history', state.feature] });
    }
    return result;
  }, UNCONFIRMED);
  // Once the server shows the switch already where the dialog wanted it (say, a re-read after
  // an unanswered flip), the question is moot: the dialog goes away rather than turn around.
  if (asking !== null && !pending && state.killed === asking) setAsking(null);
  const open = asking !== null;

  async function confirm(reason: string) {
    if (!flip) return;
    setNotice(null);
    const result = await run(reason);
    if (!result.ok) return;
    const confirmed = result.data.state;
    if (!result.data.changed) {
      setNotice(
        `It was already ${confirmed.killed ? 'killed' : 'live'}${confirmed.updatedBy ? ` (by ${confirmed.updatedBy})` : ''}; nothing was changed.`,
      );
    }
    setAsking(null);
  }

  return (
    <li
      className={`flex flex-col gap-3 rounded-lg border bg-panel p-4 ${state.killed ? 'border-killed border-l-8' : 'border-border'}`}
      aria-label={`${state.feature}: ${state.killed ? 'killed' : 'live'}`}
    >
      <div className="flex items-start justify-between gap-3">
        <h2 className="min-w-0 pt-1 font-mono text-base font-semibold wrap-anywhere">
          {href ? (
            <Link href={href} className="underline-offset-2 hover:underline">
              {state.feature}
            </Link>
          ) : (
            state.feature
          )}
        </h2>
        <StateBadge killed={state.killed} />
      </div>
      {health}
      <LastChange state={state} />
      {notice ? (
        <p role="status" className="text-sm text-muted">
          {notice}
        </p>
      ) : null}
      {flip ? (
        <>
          <Button
            variant="secondary"
            className="w-full sm:w-auto sm:self-start"
            disabled={pending}
            onClick={() => {
              clearError();
              setAsking(!state.killed);
            }}
            aria-label={`${state.killed ? 'Restore' : 'Kill'} ${state.feature}`}
          >
            {pending ? (
              <LoaderCircle aria-hidden className="size-4 animate-spin" />
            ) : state.killed ? (
              <Power aria-hidden className="size-4 text-ok" />
            ) : (
              <PowerOff aria-hidden className="size-4 text-bad" />
            )}
            {pending ? (target ? 'Killing…' : 'Restoring…') : state.killed ? 'Restore' : 'Kill'}
          </Button>
          <FlipDialog
            feature={state.feature}
            killed={target}
            open={open}
            pending={pending}
            error={error}
            serverFieldErrors={fieldErrors}
            onOpenChange={(next) => setAsking(next ? !state.killed : null)}
            onConfirm={confirm}
          />
        </>
      ) : null}
      <SwitchHistory feature={state.feature} updatedAt={state.updatedAt} />
    </li>
  );
}

function LastChange({ state }: { state: SwitchState }) {
  if (!state.updatedAt) return <p className="text-sm text-muted">Live since it first reported; never flipped.</p>;
  return (
    <div className="flex flex-col gap-1 text-sm">
      <p>
        {state.killed ? 'Killed' : 'Restored'} <When iso={state.updatedAt} />
        {state.updatedBy ? (
          <>
            {' '}
            by <span className="font-medium wrap-anywhere">{state.updatedBy}</span>
          </>
        ) : null}
      </p>
      {state.reason ? <Reason text={state.reason} /> : null}
    </div>
  );
}

/** Beyond this many characters a reason is cut to three lines, so the controls stay on a phone's first screen. */
const LONG_REASON = 120;

function Reason({ text }: { text: string }) {
  const [whole, setWhole] = useState(false);
  const long = text.length > LONG_REASON;
  return (
    <div className="flex flex-col items-start">
      <p className={`text-muted wrap-anywhere ${long && !whole ? 'line-clamp-3' : ''}`}>“{text}”</p>
      {long ? (
        <button
          type="button"
          className="min-h-11 text-sm text-accent underline-offset-2 hover:underline"
          aria-expanded={whole}
          onClick={() => setWhole(!whole)}
        >
          {whole ? 'Show less' : 'Show the whole reason'}
        </button>
      ) : null}
    </div>
  );
}
