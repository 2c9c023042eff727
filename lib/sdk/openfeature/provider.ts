// An OpenFeature server provider over the switch states: each feature's switch is a boolean flag
// named after the feature whose value is true when the feature is ENABLED (not killed), the
// usual polarity of a feature flag. `getBooleanValue('support-agent', true)` is false while
// support-agent is killed. Evaluation reads memory only.
//   reason STATIC  the dashboard's current state
//          STALE   the last known state; the dashboard has not been reachable
//          ERROR   FLAG_NOT_FOUND (the dashboard never reported that feature: the caller's
//                  default applies) or TYPE_MISMATCH (a string, number or object evaluation)
import { createSwitchboard, type Switchboard, type SwitchboardOptions } from '../client.ts';
import { ProviderEvents } from './provider-events.ts';

type FlagMetadata = Record<string, string | number | boolean>;

export interface ResolutionDetails<T> {
  value: T;
  variant?: string;
  reason?: string;
  /**
   * 'FLAG_NOT_FOUND' or 'TYPE_MISMATCH'. OpenFeature types this field as its ErrorCode enum, and a
   * TypeScript enum accepts no string literal: left open so the provider fits without importing it.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  errorCode?: any;
  errorMessage?: string;
  flagMetadata?: FlagMetadata;
}

/** What the provider reads: a Switchboard from createSwitchboard, or the options to make one. */
export type SwitchboardSource = Pick<Switchboard, 'switches' | 'ready' | 'close'>;

export class SwitchboardProvider {
  readonly metadata = { name: 'switchboard' } as const;
  readonly runsOn = 'server' as const;
  readonly events = new ProviderEvents();
  private readonly source: SwitchboardSource;
  /** A Switchboard the provider made itself, and therefore closes. */
  private readonly owned: boolean;
  private unsubscribe: (() => void)[] = [];

  constructor(source: SwitchboardSource | SwitchboardOptions) {
    this.owned = !('switches' in source);
    this.source = 'switches' in source ? source : createSwitchboard(source);
  }

  /**
   * Waits for the first switch states. When the dashboard does not answer in time it throws
   * (OpenFeature then reports PROVIDER_ERROR) and keeps trying: PROVIDER_READY follows once it
   * answers, and evaluations meanwhile use saved states (STALE) or the caller's defaults.
   */
  async initialize(): Promise<void> {
    const synced = await this.source.ready();
    this.listen();
    if (!synced)
      throw new Error('Switchboard did not answer in time; using saved switch states or defaults until it does.');
  }

  async onClose(): Promise<void> {
    for (const stop of this.unsubscribe.splice(0)) stop();
    if (this.owned) await this.source.close();
  }

  async resolveBooleanEvaluation(flagKey: string, defaultValue: boolean): Promise<ResolutionDetails<boolean>> {
    const switches = this.source.switches;
    const state = switches.get(flagKey);
    if (!state) {
      return {
        value: defaultValue,
        reason: 'ERROR',
        errorCode: 'FLAG_NOT_FOUND',
        errorMessage: `Switchboard has no feature "${flagKey}".`,
      };
    }
    const flagMetadata: FlagMetadata = { killed: state.killed };
    if (state.reason) flagMetadata.reason = state.reason;
    if (state.updatedBy) flagMetadata.updatedBy = state.updatedBy;
    if (state.updatedAt) flagMetadata.updatedAt = state.updatedAt;
    return {
      value: !state.killed,
      variant: state.killed ? 'killed' : 'enabled',
      reason: switches.stale ? 'STALE' : 'STATIC',
      flagMetadata,
    };
  }

  async resolveStringEvaluation(flagKey: string, defaultValue: string): Promise<ResolutionDetails<string>> {
    return typeMismatch(flagKey, defaultValue);
  }

  async resolveNumberEvaluation(flagKey: string, defaultValue: number): Promise<ResolutionDetails<number>> {
    return typeMismatch(flagKey, defaultValue);
  }

  async resolveObjectEvaluation<T>(flagKey: string, defaultValue: T): Promise<ResolutionDetails<T>> {
    return typeMismatch(flagKey, defaultValue);
  }

  private listen(): void {
    if (this.unsubscribe.length > 0) return;
    const switches = this.source.switches;
    this.unsubscribe.push(
      switches.onChange((changed) =>
        this.events.emit('PROVIDER_CONFIGURATION_CHANGED', { flagsChanged: changed.map((s) => s.feature) }),
      ),
      switches.onStaleChange((stale) =>
        stale
          ? this.events.emit('PROVIDER_STALE', {
              message: 'Switchboard is unreachable; serving the last known switch states.',
            })
          : this.events.emit('PROVIDER_READY', { message: 'Switchboard is reachable again.' }),
      ),
    );
  }
}

function typeMismatch<T>(flagKey: string, defaultValue: T): ResolutionDetails<T> {
  return {
    value: defaultValue,
    reason: 'ERROR',
    errorCode: 'TYPE_MISMATCH',
    errorMessage: `Switchboard flags are booleans; "${flagKey}" was asked for another type.`,
  };
}
