// Runs jobs with at most `limit` in flight, in order of the list.

export async function runPool<T>(
  jobs: readonly T[],
  limit: number,
  work: (job: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      await work(jobs[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, jobs.length)) }, worker));
}
