// Summarises the .cpuprofile files that `node --cpu-prof` wrote: self time by function and by
// source file, busiest first, so a benchmark can say where a server's CPU time went. Frames in the
// built app's chunks are mapped back to their sources through the build's source maps.
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, SourceMap | null>();

/** `source:line` of a frame in a file that has a source map next to it, else its own file:line. */
function origin(url: string, line: number, column: number): string {
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (!maps.has(file)) {
    const mapFile = `${file}.map`;
    maps.set(file, fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8'))) : null);
  }
  const entry = maps.get(file)?.findEntry(line, column) as
    { originalSource?: string; originalLine?: number } | undefined;
  if (entry?.originalSource)
    return `${entry.originalSource
      .replace(/^.*\[project\]\//, '')
      .replace(/^(\.\.\/)+/, '')
      .replace(/^.*\/node_modules\//, 'node_modules/')}:${(entry.originalLine ?? 0) + 1}`;
  return `${file.replace(/^.*\/node_modules\//, 'node_modules/').replace(/^.*\/\.next\//, '.next/')}:${line + 1}`;
}

/** A stretch of the monotonic clock (`process.hrtime`, µs), which the profiles' timestamps also use. */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

/**
 * Where the CPU went, by source file and by function, busiest first; with `window`, only the
 * samples inside it. Returns the CPU seconds (not idle) and the tables as text.
 */
export function summariseProfiles(
  dir: string,
  { top = 25, window }: { top?: number; window?: ProfileWindow } = {},
): { cpuSeconds: number; text: string } {
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      const frame = nodes.get(id)!;
      const us = profile.timeDeltas[i] ?? 0;
      at += us;
      if (window && (at < window.fromUs || at > window.toUs)) return;
      if (frame.functionName === '(idle)') return;
      total += us;
      const where = frame.url ? origin(frame.url, frame.lineNumber, frame.columnNumber) : '';
      const fn = `${frame.functionName || '(anonymous)'} ${where}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
      const group = frame.url
        ? where.replace(/:\d+$/, '')
        : frame.functionName.startsWith('RegExp')
          ? '(regular expressions)'
          : frame.functionName;
      byFile.set(group, (byFile.get(group) ?? 0) + us);
    });
  }
  const table = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, us]) =>
          `${(us / 1e6).toFixed(2).padStart(8)} s ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k.length > 110 ? `${k.slice(0, 107)}...` : k}`,
      )
      .join('\n');
  return {
    cpuSeconds: total / 1e6,
    text: `by module:\n${table(byFile)}\nby function (self time):\n${table(byFunction)}`,
  };
}
