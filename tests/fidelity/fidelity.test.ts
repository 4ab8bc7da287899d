/**
 * The simulator against the real engine: every recorded scenario is replayed through the
 * simulator's replay CLI (src/cli/sandbox.ts), both sides are normalised (normalise.ts), and
 * each command's output and exit code must match — except the (scenario, index) pairs listed in
 * known-divergences.json. That list is a ratchet: a divergence not on it fails, and so does a
 * listed pair that now matches (delete it from the list), so the list only shrinks.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareScenario, describeDivergence, readKnown, recordedScenarios, recording, REPLAY_CLI, replayScenario } from './compare.ts';

const cliPresent = existsSync(REPLAY_CLI);
const known = readKnown();

describe.skipIf(!cliPresent)('simulator matches the real Docker 20.10 engine', () => {
  for (const scenario of recordedScenarios()) {
    it(`replays scenario ${scenario} like the recording`, () => {
      const real = recording(scenario);
      const divergences = compareScenario(scenario, real, replayScenario(scenario));
      const listed = new Set(known.filter((k) => k.scenario === scenario).map((k) => k.index));
      const unlisted = divergences.filter((d) => !listed.has(d.index));
      const diverging = new Set(divergences.map((d) => d.index));
      const nowMatching = [...listed].filter((i) => !diverging.has(i)).sort((a, b) => a - b);
      expect(unlisted.map(describeDivergence).join('\n'), 'new divergences (fix the simulator)').toBe('');
      expect(
        nowMatching.map((i) => `${scenario} #${i}: ${real[i]?.cmd ?? '?'}`),
        'listed in known-divergences.json but now matching: remove them from the list',
      ).toEqual([]);
    }, 180_000);
  }
  it('known-divergences.json names commands that exist in the recordings', () => {
    const stale = known.filter((k) => {
      const rec = recordedScenarios().includes(k.scenario) ? recording(k.scenario) : [];
      return rec[k.index]?.cmd !== k.cmd;
    });
    expect(stale.map((k) => `${k.scenario} #${k.index} ${k.cmd}`)).toEqual([]);
  });
});

if (!cliPresent) {
  describe('simulator matches the real Docker 20.10 engine', () => {
    it.skip('skipped: src/cli/sandbox.ts (the simulator replay CLI) is absent', () => {});
  });
}
