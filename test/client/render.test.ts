// @vitest-environment jsdom
/**
 * Rendering: scenario and chat text stays text; re-renders keep what
 * someone is typing; drafts survive a fresh render (as after a reload).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ExerciseView } from '../../src/engine/view/types';
import type { Ctx } from '../../src/client/screens/context';
import { newLocalState } from '../../src/client/screens/context';
import { chatSection } from '../../src/client/screens/parts/chat';
import { feedSection } from '../../src/client/screens/parts/feed';
import { catalogueSection } from '../../src/client/screens/parts/catalogue';
import { render } from '../../src/client/ui/dom';
import { Answers } from '../../src/client/ui/answers';
import { Drafts } from '../../src/client/ui/drafts';
import { Notifications } from '../../src/client/ui/notifications';
import { inRound1 } from './support';

const EVIL = '<img src=x onerror="window.__pwned = 1">';

function fakeCtx(view: ExerciseView, drafts = new Drafts('ex1')): Ctx {
  const ctx: Ctx = {
    exerciseId: 'ex1',
    session: { presence: null, seat: null, mySeat: null, stored: { name: 'me' } } as never,
    view,
    answers: new Answers(() => {}),
    drafts,
    local: newLocalState(),
    board: null as never,
    notifications: new Notifications('ex1.seat', () => {}, String),
    rerender: () => {},
    send: async () => ({ ok: true, seq: 1 }),
  };
  return ctx;
}

beforeEach(() => {
  localStorage.clear();
  document.body.replaceChildren();
  (window as unknown as { __pwned?: number }).__pwned = undefined;
});

describe('text from scenarios and chat', () => {
  it('renders markup in chat as text, never as elements', () => {
    const t = inRound1();
    t.run({ type: 'chat', channel: 'team', text: `${EVIL} hello` }, 'atlantia');
    const root = document.createElement('div');
    document.body.append(root);
    render(chatSection(fakeCtx(t.view({ role: 'team', team: 'atlantia' }))), root);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.messages')!.textContent).toContain(EVIL);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('renders markup in an inject as text, and marks private injects', () => {
    const t = inRound1();
    t.run({ type: 'releaseAdhocInject', inject: { title: `${EVIL} title`, body: `${EVIL}\n\nsecond paragraph`, audience: { teams: ['atlantia'] } } }, 'facilitator');
    const root = document.createElement('div');
    document.body.append(root);
    render(feedSection(fakeCtx(t.view({ role: 'team', team: 'atlantia' }))), root);
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain(`${EVIL} title`);
    expect(root.textContent).toContain('Private — Atlantia only');
  });
});

describe('typing survives re-renders and reloads', () => {
  it('keeps a focused textarea (same element, same text, still focused) when a new view arrives', () => {
    const t = inRound1();
    const root = document.createElement('div');
    document.body.append(root);
    const drafts = new Drafts('ex1');
    const ctx = fakeCtx(t.view({ role: 'team', team: 'atlantia' }), drafts);
    render(catalogueSection(ctx), root);
    const area = root.querySelector<HTMLTextAreaElement>('#act-investigate-why')!;
    area.focus();
    area.value = 'Half a rationale';
    area.dispatchEvent(new Event('input'));

    t.run({ type: 'chat', channel: 'coalition', text: 'a message arrives' }, 'borealis');
    t.run({ type: 'draftDecision', draft: { action: 'resilience' } }, 'atlantia');
    ctx.view = t.view({ role: 'team', team: 'atlantia' });
    render(catalogueSection(ctx), root);

    const after = root.querySelector<HTMLTextAreaElement>('#act-investigate-why')!;
    expect(after).toBe(area);
    expect(after.value).toBe('Half a rationale');
    expect(document.activeElement).toBe(area);
  });

  it('restores a draft into a fresh render (as after a reload) and forgets it once sent', () => {
    const t = inRound1();
    const view = t.view({ role: 'team', team: 'atlantia' });
    const first = document.createElement('div');
    document.body.append(first);
    render(chatSection(fakeCtx(view, new Drafts('ex1'))), first);
    const input = first.querySelector<HTMLTextAreaElement>('#chat-input-team')!;
    input.value = 'not sent yet';
    input.dispatchEvent(new Event('input'));
    first.remove();

    const second = document.createElement('div');
    document.body.append(second);
    const drafts = new Drafts('ex1');
    render(chatSection(fakeCtx(view, drafts)), second);
    expect(second.querySelector<HTMLTextAreaElement>('#chat-input-team')!.value).toBe('not sent yet');

    drafts.clear('chat.team', second);
    expect(second.querySelector<HTMLTextAreaElement>('#chat-input-team')!.value).toBe('');
    expect(new Drafts('ex1').get('chat.team')).toBe('');
    expect(new Drafts('other-exercise').get('chat.team')).toBe('');
  });
});

describe('the catalogue', () => {
  it('says why an action is unavailable, and offers no procedure an action lacks', () => {
    const t = table3AfterLobby();
    const root = document.createElement('div');
    document.body.append(root);
    render(catalogueSection(fakeCtx(t.view({ role: 'team', team: 'borealis' }))), root);
    const items = [...root.querySelectorAll('li.action')];
    expect(items.length).toBeGreaterThan(0);
    const unavailable = items.find((li) => li.textContent!.includes('Unavailable now'));
    expect(unavailable?.querySelector('.reason')?.textContent).toMatch(/Why not now/);
    expect(root.querySelectorAll('input[name=procedure]').length).toBe(0);
  });
});

/** Round 1 resolved: nothing can be drafted until the next round opens. */
function table3AfterLobby() {
  const t = inRound1();
  t.run({ type: 'advance' }, 'facilitator');
  return t;
}

describe('coalition proposals', () => {
  it('shows who joined and lets another government join or decline with a rationale', async () => {
    const { proposalsSection } = await import('../../src/client/screens/parts/plan');
    const t = inRound1();
    t.run({ type: 'proposeJoint', draft: { action: 'warning', incident: 'mail-leak', rationale: 'Say it together.' } }, 'atlantia');
    const root = document.createElement('div');
    document.body.append(root);
    const sent: unknown[] = [];
    const ctx = fakeCtx(t.view({ role: 'team', team: 'borealis' }));
    ctx.send = async (_key, body) => {
      sent.push(body);
      return { ok: true, seq: 2 };
    };
    render(proposalsSection(ctx), root);
    expect(root.textContent).toContain('Atlantia proposes a joint Private warning');
    // The proposer's reasoning stays its own until the debrief; the ally is told where to ask.
    expect(root.textContent).not.toContain('Say it together.');
    expect(root.textContent).toContain('ask on the coalition channel why Atlantia proposes it');
    root.querySelector<HTMLTextAreaElement>('textarea')!.value = 'We agree.';
    root.querySelector<HTMLButtonElement>('button[value=join]')!.click();
    await Promise.resolve();
    expect(sent).toEqual([{ type: 'respondJoint', proposal: expect.any(String), join: true, rationale: 'We agree.' }]);

    t.run({ type: 'respondJoint', proposal: Object.keys(t.state.proposals)[0]!, join: false }, 'caledon');
    ctx.view = t.view({ role: 'team', team: 'atlantia' });
    render(proposalsSection(ctx), root);
    expect(root.textContent).toContain('Declined: Caledon');
    expect(root.textContent).toContain('Your government proposed this.');
    expect(root.textContent).toContain('Say it together.');
    expect(root.querySelector('button[value=join]')).toBeNull();
  });
});

describe('debrief charts', () => {
  it('names every chart image by its title from the first render, before the chart code has loaded', async () => {
    const { ChartsPanel, chartsSection } = await import('../../src/client/screens/parts/charts');
    const t = inRound1();
    t.run({ type: 'advance' }, 'facilitator');
    t.run({ type: 'endExercise', reason: 'test' }, 'facilitator');
    const root = document.createElement('div');
    document.body.append(root);
    // No update(): the chart code is never loaded, as while it is still on its way.
    render(chartsSection(new ChartsPanel(false), t.view({ role: 'observer' })), root);
    const canvases = [...root.querySelectorAll('canvas')];
    expect(canvases.length).toBeGreaterThan(0);
    for (const canvas of canvases) {
      expect(canvas.getAttribute('role')).toBe('img');
      const title = canvas.closest('figure')!.querySelector('h3')!.textContent!;
      expect(canvas.getAttribute('aria-label')).toContain(title);
    }
  });
});
