/** Shown while the evals load: the page's shape, without numbers that could mislead. */
export default function Loading() {
  return (
    <section aria-busy aria-label="Loading evals" className="flex flex-col gap-4">
      <div className="h-8 w-40 animate-pulse rounded bg-panel" />
      <ul className="flex flex-col gap-2">
        {[0, 1, 2].map((i) => (
          <li key={i} className="flex h-24 flex-col gap-3 rounded-lg border border-border bg-panel p-3">
            <div className="h-5 w-1/2 animate-pulse rounded bg-bg" />
            <div className="h-8 w-full animate-pulse rounded bg-bg" />
          </li>
        ))}
      </ul>
    </section>
  );
}
