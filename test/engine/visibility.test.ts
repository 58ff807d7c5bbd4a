/**
 * The visibility rules and their documentation are one table: the copy in
 * docs/protocol.md ("Who sees what") must equal the code's, and every cell
 * of the documented table must be what sees() answers for that viewer and
 * phase. Then the rules that read the table (audiences, notes, chat, ready
 * votes, exports, command redaction) are checked case by case.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canSee,
  mayExport,
  REDACTED,
  redactCommand,
  sees,
  seesChat,
  seesNote,
  seesReadyVotes,
  VIEWER_COLUMNS,
  VISIBILITY,
  visibilityTableMarkdown,
  type Visibility,
} from '../../src/engine/rules/visibility';
import type { Actor, CommandBody } from '../../src/engine/types';
import type { Viewer } from '../../src/engine/view/types';

const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');

function documentedTable(): string {
  const match = /<!-- visibility-table[^>]*-->\n([\s\S]*?)\n<!-- \/visibility-table -->/.exec(doc);
  if (!match) throw new Error('docs/protocol.md has no visibility table between its markers');
  return match[1]!;
}

/** The viewer each column stands for; the data belongs to team "own". */
const COLUMN_VIEWERS: Record<(typeof VIEWER_COLUMNS)[number], Viewer> = {
  facilitator: { role: 'facilitator' },
  observer: { role: 'observer' },
  ownTeam: { role: 'team', team: 'own' },
  otherTeams: { role: 'team', team: 'other' },
  redCell: { role: 'redCell' },
};

describe('the documented table is the code’s table', () => {
  it('docs/protocol.md prints exactly the table the code follows', () => {
    // To refresh the copy: npx tsx -e "import { visibilityTableMarkdown } from './src/engine/rules/visibility.ts'; console.log(visibilityTableMarkdown())"
    expect(documentedTable()).toBe(visibilityTableMarkdown());
  });

  it('every documented cell is what sees() answers, live and in the debrief', () => {
    const rows = documentedTable().split('\n').slice(2);
    expect(rows.length).toBe(Object.keys(VISIBILITY).length);
    for (const row of rows) {
      const cells = row.split('|').slice(1, -1).map((c) => c.trim());
      const key = cells[0]!.replaceAll('`', '') as Visibility;
      expect(Object.keys(VISIBILITY), row).toContain(key);
      VIEWER_COLUMNS.forEach((column, i) => {
        const cell = cells[2 + i]!;
        const expected = { live: cell === 'yes', debrief: cell === 'yes' || cell === 'from the debrief' };
        expect(['yes', 'no', 'from the debrief'], `${key}/${column}`).toContain(cell);
        const viewer = COLUMN_VIEWERS[column];
        const actual = { live: sees(key, viewer, false, 'own'), debrief: sees(key, viewer, true, 'own') };
        expect(actual, `${key} for ${column}`).toEqual(expected);
      });
    }
  });
});

const FAC: Viewer = { role: 'facilitator' };
const OBS: Viewer = { role: 'observer' };
const RED: Viewer = { role: 'redCell' };
const USA: Viewer = { role: 'team', team: 'usa' };
const FRA: Viewer = { role: 'team', team: 'fra' };
const ALL = [FAC, OBS, RED, USA, FRA];
const who = (v: Viewer) => (v.role === 'team' ? v.team : v.role);
const seeing = (test: (v: Viewer) => boolean) => ALL.filter(test).map(who);

describe('the rules that read the table', () => {
  it('audiences: everyone, the facilitator, or named teams (the rest of the coalition from the debrief)', () => {
    expect(seeing((v) => canSee('all', v, false))).toEqual(['facilitator', 'observer', 'redCell', 'usa', 'fra']);
    expect(seeing((v) => canSee('facilitator', v, true))).toEqual(['facilitator']);
    expect(seeing((v) => canSee({ teams: ['usa'] }, v, false))).toEqual(['facilitator', 'observer', 'usa']);
    expect(seeing((v) => canSee({ teams: ['usa'] }, v, true))).toEqual(['facilitator', 'observer', 'usa', 'fra']);
  });

  it('notes: the facilitator’s stay with the facilitator until the debrief; an observer’s are staff’s', () => {
    expect(seeing((v) => seesNote({ role: 'facilitator' }, v, false))).toEqual(['facilitator']);
    expect(seeing((v) => seesNote({ role: 'observer' }, v, false))).toEqual(['facilitator', 'observer']);
    expect(seeing((v) => seesNote({ role: 'facilitator' }, v, true))).toEqual(['facilitator', 'observer', 'redCell', 'usa', 'fra']);
  });

  it('chat: a team channel never leaves its team and the staff, not even in the debrief', () => {
    expect(seeing((v) => seesChat('team', 'usa', v, true))).toEqual(['facilitator', 'observer', 'usa']);
    expect(seeing((v) => seesChat('coalition', 'usa', v, false))).toEqual(['facilitator', 'observer', 'usa', 'fra']);
    expect(seeing((v) => seesChat('announcement', null, v, false))).toEqual(['facilitator', 'observer', 'redCell', 'usa', 'fra']);
  });

  it('presence: ready votes for the team itself and the facilitator', () => {
    expect(seeing((v) => seesReadyVotes('usa', v))).toEqual(['facilitator', 'usa']);
  });

  it('exports: staff at any time, teams from the debrief, never the red cell', () => {
    expect(seeing((v) => mayExport(v, 'deliberation'))).toEqual(['facilitator', 'observer']);
    expect(seeing((v) => mayExport(v, 'debrief'))).toEqual(['facilitator', 'observer', 'usa', 'fra']);
  });
});

describe('a logged command as each viewer’s export shows it', () => {
  const usa: Actor = { role: 'team', team: 'usa', name: 'Ann' };
  const shown = (body: CommandBody, actor: Actor, viewer: Viewer, debrief: boolean) => JSON.stringify(redactCommand(body, actor, viewer, debrief));

  it('a draft is its team’s; a rationale on a proposal or an answer is revealed at the debrief', () => {
    const draft: CommandBody = { type: 'draftDecision', draft: { action: 'summon', incident: 'hack', rationale: 'DRAFT-WHY' } };
    expect(shown(draft, usa, FRA, true)).not.toContain('DRAFT-WHY');
    expect(shown(draft, usa, FRA, true)).not.toContain('summon');
    expect(redactCommand(draft, usa, FRA, true)).toEqual({ type: 'draftDecision', draft: { action: REDACTED, rationale: REDACTED } });
    for (const viewer of [FAC, OBS, USA]) expect(redactCommand(draft, usa, viewer, false)).toBe(draft);
    const proposal: CommandBody = { type: 'proposeJoint', draft: { action: 'joint', rationale: 'PROPOSAL-WHY' } };
    expect(redactCommand(proposal, usa, FRA, false)).toEqual({ type: 'proposeJoint', draft: { action: 'joint', rationale: REDACTED } });
    expect(redactCommand(proposal, usa, FRA, true)).toBe(proposal);
    const answer: CommandBody = { type: 'respondJoint', proposal: 'p1', join: true, rationale: 'ANSWER-WHY' };
    expect(shown(answer, usa, FRA, false)).not.toContain('ANSWER-WHY');
    expect(redactCommand(answer, usa, FRA, true)).toBe(answer);
  });

  it('the facilitator’s notes, choices and private injects are the facilitator’s', () => {
    const note: CommandBody = { type: 'note', text: 'FAC-NOTE' };
    expect(shown(note, { role: 'facilitator', name: 'F' }, OBS, false)).not.toContain('FAC-NOTE');
    expect(shown(note, { role: 'facilitator', name: 'F' }, OBS, true)).toContain('FAC-NOTE');
    expect(shown(note, { role: 'observer', name: 'O' }, OBS, false)).toContain('FAC-NOTE');
    const move: CommandBody = { type: 'chooseAdversaryMove', move: 'dump' };
    expect(redactCommand(move, { role: 'redCell', name: 'R' }, OBS, true)).toEqual({ type: 'chooseAdversaryMove', move: REDACTED });
    const hold: CommandBody = { type: 'holdInject', inject: 'late' };
    expect(redactCommand(hold, { role: 'facilitator', name: 'F' }, USA, true)).toEqual({ type: 'holdInject', inject: REDACTED });
    const adhoc: CommandBody = { type: 'releaseAdhocInject', inject: { title: 'T-SECRET', body: 'B-SECRET', audience: { teams: ['usa'] } } };
    expect(shown(adhoc, { role: 'facilitator', name: 'F' }, FRA, true)).toContain('B-SECRET');
    const fac: CommandBody = { type: 'releaseAdhocInject', inject: { title: 'T-SECRET', body: 'B-SECRET', audience: 'facilitator' } };
    expect(shown(fac, { role: 'facilitator', name: 'F' }, OBS, true)).not.toContain('SECRET');
  });

  it('another team’s team chat stays masked, even in the debrief', () => {
    const chat: CommandBody = { type: 'chat', channel: 'team', text: 'OURS' };
    expect(shown(chat, usa, FRA, true)).not.toContain('OURS');
    expect(shown(chat, usa, USA, true)).toContain('OURS');
    expect(shown({ type: 'chat', channel: 'coalition', text: 'ALL OF US' }, usa, FRA, false)).toContain('ALL OF US');
  });
});
