// switchboard/sdk/openfeature: the Switchboard kill switches as OpenFeature boolean flags.
export { SwitchboardProvider, type ResolutionDetails, type SwitchboardSource } from './provider.ts';
export { ProviderEvents, type ProviderEvent, type ProviderEventDetails } from './provider-events.ts';
