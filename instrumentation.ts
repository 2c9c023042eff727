// Runs once per server process before it serves: migrations and first-start setup, then the
// switch lane for lib/server/serve.mjs.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServerOrExit } = await import('./lib/startup');
  await startServerOrExit();
  const { registerSwitchLane } = await import('./lib/server/switch-lane');
  registerSwitchLane();
}
