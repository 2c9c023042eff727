// What the trigger components take: the page passes the server actions (components do not import app/).
import type { ActionResult } from '@/lib/actions';
import type { TriggerView } from '@/lib/triggers/manage-triggers';

export type { TriggerView };

export interface NewTriggerUrl {
  id: number;
  name: string;
  url: string;
}

export interface TriggerActions {
  create: (input: { feature: string; trigger: Record<string, unknown> }) => Promise<ActionResult<NewTriggerUrl>>;
  rotate: (input: { feature: string; id: number }) => Promise<ActionResult<NewTriggerUrl>>;
  setEnabled: (input: {
    feature: string;
    id: number;
    enabled: boolean;
  }) => Promise<ActionResult<{ id: number; enabled: boolean }>>;
  remove: (input: { feature: string; id: number }) => Promise<ActionResult<{ id: number }>>;
}
