// switchboard/sdk/openfeature: the Switchboard kill switches as OpenFeature boolean flags.
export { SwitchboardProvider, type ResolutionDetails, type SwitchboardSource } from './provider.js';
export { ProviderEvents, type ProviderEvent, type ProviderEventDetails } from './provider-events.js';
