import type { ActionResult } from '@/lib/actions';
import type { FlipResult } from '@/lib/switches/flip-switch';
import type { FlipSwitchInput } from '@/lib/validations/switch';

/** The switches page's server action, passed down as a prop. */
export type FlipAction = (input: FlipSwitchInput) => Promise<ActionResult<FlipResult>>;
