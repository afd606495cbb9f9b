import { describe, expect, it } from 'vitest';
import { commandBaselineRecomputer } from './command-baseline-recomputer';

describe('commandBaselineRecomputer', () => {
  it('runs the command with the as-of time and reads baselineRows from its JSON summary', async () => {
    const recompute = commandBaselineRecomputer(
      `node -e "console.log('working'); console.log(JSON.stringify({ baselineRows: process.env.BASELINE_AS_OF.startsWith('2026-11-23') ? 7 : -1 }))"`,
    );
    expect(await recompute(new Date('2026-11-23T03:00:00Z'))).toBe(7);
  });

  it('fails with a code and the end of stderr', async () => {
    const recompute = commandBaselineRecomputer(`node -e "console.error('no history'); process.exit(3)"`);
    await expect(recompute(new Date())).rejects.toMatchObject({ code: 'BASELINE_COMMAND_FAILED', message: expect.stringMatching(/no history/) });
  });
});
