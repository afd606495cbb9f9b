// In-process CPU profile of a bench phase (node:inspector, the same sampler as `node --cpu-prof`),
// summarised as self time per function and per owner (our projects, each package, GC; idle left out), so
// the bench's JSON carries the profile that explains its figures. V8 samples in wall time: on a loaded
// machine a sample also covers time the thread waited for a core, so shares are the reliable part.
import { Session } from 'node:inspector';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

export interface SelfTime {
  readonly name: string;
  readonly ms: number;
  readonly percent: number;
}

export interface ProfileSummary {
  readonly sampledMs: number;
  /** Self time of the busiest functions, idle excluded. */
  readonly functions: readonly SelfTime[];
  /** Self time per owner: `@shelfstream/engine`, `kafkajs`, `pg`, `(garbage collector)`, ... */
  readonly owners: readonly SelfTime[];
}

const PACKAGE = /node_modules\/((?:@[^/]+\/)?[^/]+)\//;
const PROJECT = /\/(libs|apps|tools)\/([^/]+)\//;

/** Who a frame belongs to: a package, one of our projects, Node's internals or a V8 pseudo-frame. */
export function ownerOf(frame: CallFrame): string {
  const pkg = PACKAGE.exec(frame.url);
  if (pkg?.[1]) return pkg[1];
  const project = PROJECT.exec(frame.url);
  if (project) return `@shelfstream/${project[2]}`;
  if (frame.url.startsWith('node:')) return 'node (internals)';
  if (frame.url === '') return frame.functionName.startsWith('(') ? frame.functionName : 'native';
  return 'other';
}

function where(frame: CallFrame): string {
  const file = frame.url.replace(/^.*\/(node_modules\/|libs\/|apps\/|tools\/)/, '$1').replace(/^node_modules\//, '');
  return file ? `${file}:${frame.lineNumber + 1}` : '';
}

function top(totals: Map<string, number>, sampledMs: number, n: number): SelfTime[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => ({ name, ms: Math.round(ms), percent: Math.round((ms / sampledMs) * 1000) / 10 }));
}

/** Self time per function and per owner over the non-idle samples of a profile. */
export function summariseProfile(profile: CpuProfile, topFunctions = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time before sample i: charge it to the sample it ends
  samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0)));
  const functions = new Map<string, number>();
  const owners = new Map<string, number>();
  let sampledUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    sampledUs += us;
    const owner = ownerOf(frame);
    const name = `${frame.functionName || '(anonymous)'} ${where(frame)}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + us / 1000);
    owners.set(owner, (owners.get(owner) ?? 0) + us / 1000);
  }
  const sampledMs = sampledUs / 1000;
  return { sampledMs: Math.round(sampledMs), functions: top(functions, sampledMs, topFunctions), owners: top(owners, sampledMs, 12) };
}

/** Runs `fn` under the CPU profiler of this process; returns its result and the summary. */
export async function profiled<T>(fn: () => Promise<T>): Promise<{ result: T; profile: ProfileSummary }> {
  const session = new Session();
  session.connect();
  const post = <R>(method: string, params?: object) =>
    new Promise<R>((resolve, reject) => session.post(method, params ?? {}, (error, value) => (error ? reject(error) : resolve(value as R))));
  try {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 1000 });
    await post('Profiler.start');
    const result = await fn();
    const { profile } = await post<{ profile: CpuProfile }>('Profiler.stop');
    return { result, profile: summariseProfile(profile) };
  } finally {
    session.disconnect();
  }
}
