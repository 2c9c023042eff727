/** Shown while the switches load: the page's shape, without numbers that could mislead. */
export default function Loading() {
  return (
    <section aria-busy aria-label="Loading switches" className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Switches</h1>
      <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <li key={i} className="flex h-44 flex-col gap-3 rounded-lg border border-border bg-panel p-4">
            <div className="h-6 w-2/3 animate-pulse rounded bg-bg" />
            <div className="h-4 w-full animate-pulse rounded bg-bg" />
            <div className="mt-auto h-11 w-full animate-pulse rounded bg-bg" />
          </li>
        ))}
      </ul>
    </section>
  );
}
