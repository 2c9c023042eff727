export const dynamic = 'force-dynamic';

export default function OverviewPage() {
  return (
    <section>
      <h1 className="text-2xl font-semibold">Overview</h1>
      <p className="mt-2 text-muted">No features have reported calls yet.</p>
    </section>
  );
}
