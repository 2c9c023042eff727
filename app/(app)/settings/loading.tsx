/** Skeleton while a settings page loads: the same blocks as the page, so nothing jumps. */
export default function SettingsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading settings" className="flex animate-pulse flex-col gap-4">
      <div className="h-4 w-3/4 rounded bg-border" />
      <div className="h-56 rounded-lg border border-border bg-panel" />
      <div className="h-5 w-32 rounded bg-border" />
      {[0, 1].map((i) => (
        <div key={i} className="h-28 rounded-lg border border-border bg-panel" />
      ))}
    </div>
  );
}
