// Placeholder with the shape of the overview, shown while the first data loads.
const bar = 'animate-pulse rounded bg-border/60';

export function OverviewSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading the overview" className="flex flex-col gap-3">
      <div className={`${bar} h-4 w-56`} />
      {Array.from({ length: rows }, (_, i) => (
        <div
          key={i}
          className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-3 md:flex-row md:items-center md:gap-6"
        >
          <div className={`${bar} h-5 w-24`} />
          <div className={`${bar} h-5 w-40`} />
          <div className="grid flex-1 grid-cols-2 gap-3 md:grid-cols-4">
            {[0, 1, 2, 3].map((j) => (
              <div key={j} className={`${bar} h-5`} />
            ))}
          </div>
          <div className={`${bar} h-8 w-full md:w-36`} />
        </div>
      ))}
    </div>
  );
}
