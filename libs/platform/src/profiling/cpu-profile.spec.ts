// The benches' CPU profile summary (cpu-profile.ts): self time per function and per owner.
import { describe, expect, it } from 'vitest';
import { ownerOf, profiled, summariseProfile } from './cpu-profile';

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

describe('CPU profile summary', () => {
  it('charges each sample its time delta, leaves idle out, and groups by owner', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('(idle)', '') },
        { id: 3, callFrame: frame('parseKafkaRecords', 'file:///w/libs/engine/src/kafka/parse-kafka-rows.ts', 45) },
        { id: 4, callFrame: frame('decodeMessages', '/w/node_modules/kafkajs/src/protocol/recordBatch.js', 9) },
        { id: 5, callFrame: frame('(garbage collector)', '') },
        { id: 6, callFrame: frame('query', '/w/node_modules/@scope/pkg/lib/x.js', 1) },
      ],
      samples: [3, 3, 4, 2, 5, 3, 6],
      timeDeltas: [1000, 1000, 2000, 50_000, 1000, 1000, 4000],
    };
    const s = summariseProfile(profile, 3);
    expect(s.sampledMs).toBe(10);
    expect(s.functions).toEqual(
      [
        { name: 'parseKafkaRecords libs/engine/src/kafka/parse-kafka-rows.ts:46', ms: 3, percent: 30 },
        { name: 'query @scope/pkg/lib/x.js:2', ms: 4, percent: 40 },
        { name: 'decodeMessages kafkajs/src/protocol/recordBatch.js:10', ms: 2, percent: 20 },
      ].sort((a, b) => b.ms - a.ms),
    );
    expect(s.owners.map((o) => o.name)).toEqual(['@scope/pkg', '@shelfstream/engine', 'kafkajs', '(garbage collector)']);
    expect(ownerOf(frame('readFile', 'node:fs'))).toBe('node (internals)');
  });

  it('profiles a function in this process', async () => {
    const { result, profile } = await profiled(async () => {
      let x = 0;
      const until = Date.now() + 50;
      while (Date.now() < until) x += Math.sqrt(x + 1);
      return x;
    });
    expect(result).toBeGreaterThan(0);
    expect(profile.sampledMs).toBeGreaterThan(0);
    expect(profile.functions.length).toBeGreaterThan(0);
  });
});
