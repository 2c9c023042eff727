// Runs once per server process before it serves: migrations and first-start setup.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServerOrExit } = await import('./lib/startup');
  await startServerOrExit();
}
