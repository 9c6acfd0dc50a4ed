import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * Reads a V8 .cpuprofile (what `npm run bench -- --profile DIR` leaves in DIR) and prints where the
 * time went: self and total time by function and by file, the top N of each. Total time counts a
 * function once per sample even when it recurses, so a number never exceeds the profile's length.
 *
 *   node dist/bench/profile_summary.js DIR/CPU.....cpuprofile [--top 30] [--filter src/]
 *   node dist/bench/profile_summary.js DIR/CPU.....cpuprofile --callers signVerify [--depth 6]
 *
 * --callers prints instead the call paths (innermost first) that lead to the functions whose name
 * contains the text, by total time: who makes an expensive call.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface Totals {
  self: Map<string, number>;
  total: Map<string, number>;
}

const cwd = process.cwd();

function fileOf(frame: CallFrame): string {
  if (frame.url === '') return `(${frame.functionName || 'native'})`;
  const path = frame.url.startsWith('file://') ? relative(cwd, new URL(frame.url).pathname) : frame.url;
  const modules = path.lastIndexOf('node_modules/');
  if (modules === -1) return path;
  // One line per package, not per file inside it: "node_modules/jose", "node_modules/@scope/name".
  const [first, second] = path.slice(modules + 'node_modules/'.length).split('/');
  return `node_modules/${first?.startsWith('@') ? `${first}/${second}` : first}`;
}

function functionOf(frame: CallFrame): string {
  return `${frame.functionName || '(anonymous)'} ${fileOf(frame)}:${frame.lineNumber + 1}`;
}

function summarise(profile: CpuProfile): { byFunction: Totals; byFile: Totals; totalMs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byFunction: Totals = { self: new Map(), total: new Map() };
  const byFile: Totals = { self: new Map(), total: new Map() };
  const add = (map: Map<string, number>, key: string, ms: number): void => void map.set(key, (map.get(key) ?? 0) + ms);
  let totalMs = 0;
  profile.samples.forEach((sampleId, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    totalMs += ms;
    const leaf = byId.get(sampleId);
    if (!leaf) return;
    add(byFunction.self, functionOf(leaf.callFrame), ms);
    add(byFile.self, fileOf(leaf.callFrame), ms);
    const seenFunctions = new Set<string>();
    const seenFiles = new Set<string>();
    for (let node: ProfileNode | undefined = leaf; node; node = byId.get(parent.get(node.id) ?? -1)) {
      const name = functionOf(node.callFrame);
      const file = fileOf(node.callFrame);
      if (!seenFunctions.has(name)) add(byFunction.total, name, ms);
      if (!seenFiles.has(file)) add(byFile.total, file, ms);
      seenFunctions.add(name);
      seenFiles.add(file);
    }
  });
  return { byFunction, byFile, totalMs };
}

/** Total time per call path leading to the first frame (from the leaf) whose name contains `name`. */
function callers(profile: CpuProfile, name: string, depth: number): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const paths = new Map<string, number>();
  profile.samples.forEach((sampleId, index) => {
    let node = byId.get(sampleId);
    while (node && !node.callFrame.functionName.includes(name)) node = byId.get(parent.get(node.id) ?? -1);
    const path: string[] = [];
    for (; node && path.length < depth; node = byId.get(parent.get(node.id) ?? -1)) path.push(functionOf(node.callFrame));
    if (path.length === 0) return;
    const key = path.join('\n      <- ');
    paths.set(key, (paths.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return paths;
}

function table(title: string, map: Map<string, number>, totalMs: number, top: number, filter: string | undefined): string {
  const rows = [...map.entries()]
    .filter(([key]) => filter === undefined || key.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => `${ms.toFixed(0).padStart(9)} ms ${((100 * ms) / totalMs).toFixed(1).padStart(5)} %  ${key}`);
  return [`## ${title}`, ...rows, ''].join('\n');
}

function main(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      top: { type: 'string', default: '30' },
      filter: { type: 'string' },
      callers: { type: 'string' },
      depth: { type: 'string', default: '6' },
    },
  });
  const file = positionals[0];
  if (!file) {
    process.stderr.write('usage: node dist/bench/profile_summary.js FILE.cpuprofile [--top 30] [--filter TEXT]\n');
    process.exitCode = 2;
    return;
  }
  const top = Number(values.top);
  const filter = values.filter;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const { byFunction, byFile, totalMs } = summarise(profile);
  if (values.callers !== undefined) {
    process.stdout.write(table(`call paths to ${values.callers}`, callers(profile, values.callers, Number(values.depth)), totalMs, top, undefined));
    return;
  }
  const idleMs = byFunction.self.get(functionOf({ functionName: '(idle)', url: '', lineNumber: -1 })) ?? 0;
  process.stdout.write(
    [
      `${file}: ${(totalMs / 1000).toFixed(1)} s sampled, ${(idleMs / 1000).toFixed(1)} s idle, ${((totalMs - idleMs) / 1000).toFixed(1)} s busy`,
      '',
      table('self time by function', byFunction.self, totalMs, top, filter),
      table('total time by function', byFunction.total, totalMs, top, filter),
      table('self time by file (node_modules by package)', byFile.self, totalMs, top, filter),
      table('total time by file', byFile.total, totalMs, top, filter),
    ].join('\n'),
  );
}

main(process.argv.slice(2));
