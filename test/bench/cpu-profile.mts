// Summarises the .cpuprofile files that `node --cpu-prof` wrote: self time by function and by
// file, busiest first, so a benchmark can say where a server's CPU time went.
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function summariseProfiles(dir: string, top = 25): string {
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = nodes.get(id)!;
      const us = profile.timeDeltas[i] ?? 0;
      if (frame.functionName === '(idle)') return;
      total += us;
      const where = frame.url ? frame.url.replace(/^.*\/(node_modules\/(@[^/]+\/)?[^/]+|\.next\/server)\//, '$1/').replace(/^file:\/\//, '') : '';
      const fn = `${frame.functionName || '(anonymous)'} ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
      const group = frame.url ? where.replace(/\/[^/]*$/, '') || where : frame.functionName;
      byFile.set(group, (byFile.get(group) ?? 0) + us);
    });
  }
  const table = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top)
      .map(([k, us]) => `${(us / 1e6).toFixed(2).padStart(8)} s ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  return `server CPU (not idle): ${(total / 1e6).toFixed(1)} s\nby module:\n${table(byFile)}\nby function (self time):\n${table(byFunction)}`;
}
