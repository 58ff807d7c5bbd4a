/** A team previews the proportionality of the draft it is composing, with its options; nothing changes. */
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { DecisionPreviewAck } from '../../src/protocol/events';
import { serverForThisFile } from '../helpers/perFile';
import { ROOT } from '../helpers/server';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const here = serverForThisFile({ scenariosDir: resolve(ROOT, 'scenarios') });

describe('decision:preview', () => {
  it("scores the team's draft with its chosen options, explained, and changes nothing", async () => {
    const t = await here.table({ scenarioId: 'us-2016', seed: 'preview', observer: true });
    await t.facilitator.must({ type: 'startExercise' });
    await t.facilitator.must({ type: 'advance' });
    const usa = t.teams.usa![0]!;
    await usa.waitForView((v) => v.phase === 'deliberation', 'round 1');
    const seqBefore = usa.view!.seq;
    const preview = (options: Record<string, boolean>) =>
      usa.request<DecisionPreviewAck>('decision:preview', { draft: { action: 'forensic-investigation', incident: 'dnc-intrusion', options } });

    const bare = await preview({});
    const careful = await preview({ oversight: true });
    expect(bare.ok && careful.ok).toBe(true);
    if (!bare.ok || !careful.ok) return;
    // Following the procedures the action offers scores higher, and the explanation says what was missing.
    expect(careful.score.value).toBeGreaterThan(bare.score.value);
    expect(bare.score.components.find((c) => c.id === 'procedure')!.why).toMatch(/oversight/i);
    expect(careful.problem).toBeNull();
    // The best-case figure in the view is the same rule with every procedure followed.
    const inView = usa.view!.actions.find((a) => a.id === 'forensic-investigation')!.availability!.byIncident['dnc-intrusion']!.proportionalityPreview;
    expect(careful.score.value).toBe(inView);

    // A draft that would be refused still gets its score, and the reason.
    const early = await usa.request<DecisionPreviewAck>('decision:preview', { draft: { action: 'us-targeted-sanctions', incident: 'dnc-intrusion' } });
    expect(early.ok).toBe(true);
    if (early.ok) {
      expect(early.problem).toMatch(/needs at least high attribution confidence/);
      expect(early.score.components.find((c) => c.id === 'evidence')!.lost).toBeGreaterThan(0);
    }

    expect(await usa.request('decision:preview', { draft: { action: 'no-such-action' } })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    expect(await t.observer!.request('decision:preview', { draft: { action: 'forensic-investigation' } })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await usa.request('decision:preview', { draft: { action: 42 } })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    // Nothing was applied.
    expect((await usa.resume(usa.credential!)).view.seq).toBe(seqBefore);
  });
});
