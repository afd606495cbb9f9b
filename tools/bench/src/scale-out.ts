// The scale-out note of docs/benchmarks.md: what the multi-process run measured on this machine, and on
// paper, from the measured CPU per event, how throughput grows with partitions and machines.
import { type BenchResults, ownFigure, type PipelineFigures, streamFigure } from './bench-results';

const n = (v: number) => Math.round(v).toLocaleString('en-GB');

/** Events/s that `processes` one-core processes can reach when each event costs `cpuUsPerEvent`. */
export function projectedRate(cpuUsPerEvent: number, processes: number, partitions: number): number {
  return (Math.min(processes, partitions) * 1e6) / cpuUsPerEvent;
}

function measured(results: BenchResults): string[] {
  const one = streamFigure(results, 'oursBacklogGroup1');
  const two = streamFigure(results, 'oursBacklog2');
  if (!one || !two || one.drainEventsPerSecond === undefined || two.drainEventsPerSecond === undefined) {
    return ['No consumer-group run in this invocation (it is part of the streaming peers: run without `--no-peers`).'];
  }
  const cpu = (f: typeof one) => (f.cpuUsPerEvent === undefined ? 'not recorded' : `${f.cpuUsPerEvent.toFixed(1)} CPU-µs/event`);
  return [
    `Measured here (${results.machine.cpus} cores, shared with Postgres, the broker and other runs; load average mean ${results.loadAverage?.mean ?? '?'}), draining the same ${n(one.events)}-event, 6-partition backlog with the sliding query in consumer-group mode:`,
    '',
    '| processes | events/s (whole drain) | after the last hand-over | engine CPU | rows read |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| 1 | ${n(one.drainEventsPerSecond)} | | ${cpu(one)} | ${n(one.inputRows ?? one.events)} |`,
    `| 2 | ${n(two.drainEventsPerSecond)} (${(two.drainEventsPerSecond / one.drainEventsPerSecond).toFixed(2)}x) | ${two.settledEventsPerSecond === undefined ? 'no batch after it' : n(two.settledEventsPerSecond)} | ${cpu(two)} | ${n(two.inputRows ?? two.events)} |`,
    '',
    `A second process can only use the second core, which Postgres, the broker and the first process also want, so on this machine it adds a rebalance and contention rather than capacity; the figures above show how much.`,
  ];
}

function onPaper(results: BenchResults): string[] {
  const capacity = ownFigure<PipelineFigures>(results, 'pipeline', 'capacity')?.capacity;
  const group = streamFigure(results, 'oursBacklogGroup1');
  const [cpu, what] =
    capacity?.cpuUsPerEvent !== undefined
      ? [capacity.cpuUsPerEvent, 'the full retail pipeline (pipeline bench drain)']
      : group?.cpuUsPerEvent !== undefined
        ? [group.cpuUsPerEvent, 'the sliding query (consumer-group drain)']
        : [undefined, ''];
  const lines = [
    'On paper: the `sales` topic is partitioned by SKU, each partition is owned by one process of the group (its queries, state and checkpoint), and partitions never share keys, so processes do not coordinate beyond the group protocol and the fenced commit. Throughput therefore grows with min(processes, partitions) × the rate one core sustains, until a shared service (the broker, or the one Postgres all sinks write to) saturates; more partitions than processes costs little (a process runs several partition queries), fewer caps the group.',
    '',
  ];
  if (cpu === undefined) return [...lines, 'No CPU-per-event figure in this run to project from.'];
  const perCore = 1e6 / cpu;
  const coresPerMachine = results.machine.cpus;
  lines.push(
    `From this run's ${cpu.toFixed(1)} CPU-µs per event in the engine process for ${what}, one core sustains about ${n(perCore)} events/s of engine work (Postgres and broker CPU not included). With one process per core and ${coresPerMachine}-core machines for the engine (Postgres and Kafka on their own):`,
  );
  lines.push('', '| processes (= cores) | partitions | machines | projected events/s |', '| ---: | ---: | ---: | ---: |');
  for (const processes of [1, 2, 4, 8, 16, 32]) {
    const partitions = Math.max(6, processes);
    lines.push(`| ${processes} | ${partitions} | ${Math.ceil(processes / coresPerMachine)} | ${n(projectedRate(cpu, processes, partitions))} |`);
  }
  if (capacity?.cpuUsPerEvent !== undefined) {
    const share = capacity.eventsPerSecond / perCore;
    lines.push(
      '',
      `These are upper bounds from engine CPU alone: the measured drain reached ${n(capacity.eventsPerSecond)} events/s, ${Math.round(share * 100)}% of one core's bound, the rest of its time waiting on Postgres and the broker (each batch's transactions and checkpoint round trips, on the same shared cores). Growth with processes holds only while Postgres keeps up with their commits.`,
    );
  }
  const needed = Math.ceil(100_000 / perCore);
  lines.push(
    '',
    `100,000 events/s needs about ${needed} engine core${needed === 1 ? '' : 's'} (≥ ${Math.max(6, needed)} partitions). Beyond that the limit is Postgres: every partition's sink upserts into the same tables, so the next step is splitting the result tables by the same SKU hash across Postgres instances (the sinks already write disjoint keys per partition).`,
  );
  return lines;
}

export function scaleOutSection(results: BenchResults): string[] {
  return [...measured(results), '', ...onPaper(results)];
}
