// The provider's event emitter, shaped like OpenFeature's ProviderEventEmitter so the SDK can
// attach to it without lib/sdk importing any @openfeature package.

export type ProviderEvent = 'PROVIDER_READY' | 'PROVIDER_ERROR' | 'PROVIDER_STALE' | 'PROVIDER_CONFIGURATION_CHANGED';

export interface ProviderEventDetails {
  message?: string;
  flagsChanged?: string[];
  errorCode?: string;
  metadata?: Record<string, string | number | boolean>;
}

/**
 * A handler gets ProviderEventDetails. Its parameter is left open so that OpenFeature's handlers
 * (typed with its own EventDetails, enums included) fit both ways without lib/sdk importing it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (details?: any) => unknown;

export class ProviderEvents {
  private readonly handlers = new Map<string, Set<Handler>>();

  /** `event` is one of ProviderEvent; typed wider to match OpenFeature's emitter. */
  emit(event: ProviderEvent | (string & {}), details: ProviderEventDetails = {}): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) {
      try {
        const result = handler(details);
        if (result instanceof Promise) result.catch(() => {});
      } catch {
        // A failing handler must not stop the others.
      }
    }
  }

  addHandler(event: string, handler: Handler): void {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
  }

  removeHandler(event: string, handler: Handler): void {
    this.handlers.get(event)?.delete(handler);
  }

  removeAllHandlers(event?: string): void {
    if (event) this.handlers.delete(event);
    else this.handlers.clear();
  }

  getHandlers(event: string): Handler[] {
    return [...(this.handlers.get(event) ?? [])];
  }

  /** Part of the interface; this emitter does not log. */
  setLogger(): this {
    return this;
  }
}
