'use server';

import { getControlDb } from '@/db';
import { roleAction } from '@/lib/actions';
import { actorOf } from '@/lib/auth/guard';
import { flipSwitch } from '@/lib/switches/flip-switch';
import { FlipSwitchInputSchema, type FlipSwitchInput } from '@/lib/validations/switch';

const flip = roleAction('responder', FlipSwitchInputSchema, async (input, user) =>
  flipSwitch(await getControlDb(), input, actorOf({ kind: 'user', user })),
);

/** Flips a switch for the signed-in user; refused (403 message) below the responder role. */
export async function flipSwitchAction(input: FlipSwitchInput) {
  return flip(input);
}
