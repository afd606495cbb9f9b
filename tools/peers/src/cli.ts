// node -r @swc-node/register tools/peers/src/cli.ts <command> ...; one JSON object per line on stdout.
//   duckdb --parquet FILE [--threads 1|all] [--repeats N]
//   synth --out FILE --events N --skus N [--hours N] [--start ISO]
import { PeerError, runDuckDbBatch } from './duckdb-batch';
import { writeSyntheticSalesParquet } from './synthetic-sales';

function flags(args: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const [name, value] = [args[i], args[i + 1]];
    if (!name?.startsWith('--') || value === undefined) throw new PeerError('PEER_BAD_OPTIONS', `expected --name value pairs, got "${name}"`);
    out.set(name.slice(2), value);
  }
  return out;
}

function required(options: Map<string, string>, name: string): string {
  const value = options.get(name);
  if (value === undefined) throw new PeerError('PEER_BAD_OPTIONS', `missing --${name}`);
  return value;
}

async function main([command, ...rest]: string[]): Promise<void> {
  const options = flags(rest);
  if (command === 'duckdb') {
    const threads = options.get('threads') ?? 'all';
    const figures = await runDuckDbBatch({
      parquet: required(options, 'parquet'),
      threads: threads === 'all' ? 'all' : Number(threads),
      repeats: Number(options.get('repeats') ?? 1),
    });
    for (const line of figures) console.log(JSON.stringify(line));
  } else if (command === 'synth') {
    const started = Date.now();
    const path = required(options, 'out');
    const events = Number(required(options, 'events'));
    await writeSyntheticSalesParquet({
      path,
      events,
      skus: Number(required(options, 'skus')),
      hours: Number(options.get('hours') ?? 24),
      start: options.get('start'),
    });
    console.log(JSON.stringify({ synth: path, events, elapsedMs: Date.now() - started }));
  } else {
    throw new PeerError('PEER_BAD_OPTIONS', 'usage: cli.ts duckdb --parquet FILE [--threads 1|all] [--repeats N] | synth --out FILE --events N --skus N');
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const e = error as Error & { code?: string };
  console.error(`peers: ${e.code ? `[${e.code}] ` : ''}${e.message}`);
  process.exitCode = 1;
});
