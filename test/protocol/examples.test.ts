/**
 * The examples in examples/ against a real server running the shipped
 * scenarios: the bot, written against firebreak/client alone, plays every
 * team's seat of each scenario from the lobby to the debrief.
 */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { playExercise } from '../../examples/bot';
import { serverForThisFile } from '../helpers/perFile';
import { ROOT } from '../helpers/server';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

const here = serverForThisFile({ scenariosDir: join(ROOT, 'scenarios') });
const SHIPPED = ['tutorial', 'us-2016', 'eu-2015-2020', 'romania-2024', 'notpetya-2017', 'election-2029'];

describe('examples/bot.ts', () => {
  for (const scenario of SHIPPED) {
    it(`plays a whole exercise of ${scenario} through the client library`, async () => {
      const view = await playExercise(here.url, scenario);
      expect(view.phase).toBe('debrief');
      expect(view.outcome).not.toBeNull();
      expect(view.rounds.length).toBeGreaterThan(0);
      // The teams decided something on the way, from what their views marked available.
      expect(view.decisions.length).toBeGreaterThan(0);
    });
  }

  it('stays under 100 lines', async () => {
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(ROOT, 'examples/bot.ts'), 'utf8').trimEnd().split('\n').length).toBeLessThan(100);
  });
});
