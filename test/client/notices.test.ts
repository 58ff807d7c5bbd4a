// @vitest-environment jsdom
/**
 * Notifications: what changed between two views that concerns a seat, and
 * the list that keeps them until read (across a reload) and counts the unread.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { noticesBetween } from '../../src/client/screens/notices';
import { chooseLanguage } from '../../src/client/ui/i18n';
import { Notifications } from '../../src/client/ui/notifications';
import { phrase, say, type Said } from '../../src/client/ui/said';
import { storyDate } from '../../src/client/ui/format';
import { inRound1, table } from './support';

beforeEach(() => {
  localStorage.clear();
  document.getElementById('announcer')?.remove();
  const region = document.createElement('div');
  region.id = 'announcer';
  document.body.append(region);
});

const borealis = { role: 'team', team: 'borealis' } as const;

describe('notices between two views', () => {
  it('tells a team about a proposal to answer, an ally\'s shared evidence and an announcement, but not its own moves', () => {
    const t = inRound1();
    const before = t.view(borealis);
    t.run({ type: 'proposeJoint', draft: { action: 'warning', incident: 'mail-leak' } }, 'atlantia');
    t.run({ type: 'announce', text: 'Ten minutes to agree.' }, 'facilitator');
    const after = t.view(borealis);
    // Sharing needs an assessment first (a resolved investigation): the entry is as the engine logs it.
    after.timeline.push({ seq: 10_000, round: 1, at: 1, kind: 'intel', audience: { teams: ['atlantia', 'borealis'] }, team: 'atlantia', ref: 'mail-leak', text: 'Atlantia shared its evidence on "Party mail leak" with Borealis.', textMessages: null });
    const notices = noticesBetween(before, after, Date.now());
    const words = (s: Said) => say(s, after);
    expect(notices.map((n) => n.kind)).toEqual(['proposal', 'evidence', 'announcement']);
    expect(words(notices[1]!.text)).toContain('shared its evidence on "Party mail leak"');
    expect(words(notices[0]!.title)).toBe('Atlantia proposes: Private warning');
    expect(words(notices[1]!.title)).toBe('Atlantia shared evidence with you');
    expect(words(notices[2]!.text)).toBe('Ten minutes to agree.');
    // The proposer hears nothing of its own proposal.
    const own = noticesBetween(before, t.view({ role: 'team', team: 'atlantia' }), Date.now());
    expect(own.filter((n) => n.kind === 'proposal' || n.kind === 'evidence')).toEqual([]);
  });

  it('says before the clock runs out what happens to drafts, and that time was up when the round resolves on the clock', () => {
    const t = table();
    t.run({ type: 'startExercise' }, 'facilitator');
    const briefing = t.view(borealis);
    t.run({ type: 'advance' }, 'facilitator');
    const round = t.view(borealis);
    const started = noticesBetween(briefing, round, Date.now());
    expect(say(started[0]!.title, round)).toMatch(/^Round 1: .* has started$/);
    expect(say(started[0]!.text, round)).toContain('decisions drafted but not locked go ahead as drafted');

    t.run({ type: 'adjustClock', deltaMs: -5 * 60_000 }, 'facilitator');
    const cut = noticesBetween(round, t.view(borealis), Date.now());
    expect(cut).toMatchObject([{ kind: 'clock', urgent: true }]);
    expect(say(cut[0]!.title, round)).toBe('The facilitator shortened the round by 5 minutes');

    const deadline = t.view(borealis).clock.deadline!;
    const before = t.view(borealis);
    t.run({ type: 'advance' }, 'facilitator');
    const result = noticesBetween(before, t.view(borealis), deadline + 100);
    expect(result[0]).toMatchObject({ kind: 'result', urgent: true });
    expect(say(result[0]!.title, before)).toMatch(/^Time is up: Round 1/);
    const early = noticesBetween(before, t.view(borealis), deadline - 600_000);
    expect(say(early[0]!.title, before)).not.toMatch(/Time is up/);
  });

  it('keeps the words of a notice, not its sentence, so that it is worded in the language it is shown in', () => {
    const t = table();
    t.run({ type: 'startExercise' }, 'facilitator');
    const briefing = t.view(borealis);
    t.run({ type: 'advance' }, 'facilitator');
    const round = t.view(borealis);
    const [started] = noticesBetween(briefing, round, Date.now());
    // Kept across a reload, as JSON.
    const kept = JSON.parse(JSON.stringify(started)) as typeof started;
    try {
      chooseLanguage('fr');
      expect(say(kept!.title, round)).toMatch(/^Tour 1 : .* a commencé$/);
      chooseLanguage('de');
      expect(say(kept!.title, round)).toMatch(/^Runde 1: .* hat begonnen$/);
      expect(say([phrase('notice.minutes', { count: 3 }), 'Fin.'], round)).toBe('3 Minuten. Fin.');
    } finally {
      chooseLanguage('en');
    }
    expect(say(kept!.title, round)).toMatch(/^Round 1: .* has started$/);
  });
});

describe('the notification list', () => {
  it('counts the unread, keeps them across a reload until read, never lists one event twice, and announces each', () => {
    const notes = new Notifications('ex.seat', () => {}, (s) => say(s, null));
    const one = { id: 'a', kind: 'inject' as const, title: 'New inject: Leak', text: 'A leak.', at: 1 };
    notes.add([one, { ...one, id: 'b', title: 'Announcement from Fran' }]);
    notes.add([one]);
    expect(notes.unread.map((n) => n.id)).toEqual(['b', 'a']);
    expect(document.getElementById('announcer')!.textContent).toContain('New inject: Leak. A leak.');
    notes.markRead('a');
    const reloaded = new Notifications('ex.seat', () => {}, String);
    expect(reloaded.unread.map((n) => n.id)).toEqual(['b']);
    expect(reloaded.all).toHaveLength(2);
    reloaded.markAllRead();
    expect(new Notifications('ex.seat', () => {}, String).unread).toEqual([]);
  });
});

describe('story dates', () => {
  it('puts a scenario date in words for the locale, and leaves other text as it is', () => {
    expect(storyDate('2016-04/2016-06', 'en-GB')).toBe('Apr 2016 – Jun 2016');
    expect(storyDate('2016-07-22', 'en-GB')).toBe('22 Jul 2016');
    expect(storyDate('2016-07-22', 'de-DE')).toBe('22. Juli 2016');
    expect(storyDate('Summer 2016', 'en-GB')).toBe('Summer 2016');
  });
});

describe('the interface language', () => {
  it("starts from the person's choice, else the browser's first supported language, else English", async () => {
    const { initialLanguage } = await import('../../src/client/ui/i18n');
    expect(initialLanguage('de', ['fr-FR'])).toBe('de');
    expect(initialLanguage(null, ['it-IT', 'fr-CA', 'de'])).toBe('fr');
    expect(initialLanguage('xx', ['it'])).toBe('en');
  });
});
