/**
 * What changed between two views that concerns this seat, as notices: new
 * injects, proposals to answer, evidence an ally shared, announcements, the
 * clock moved or stopped, a round started or resolved. Pure: the exercise
 * shell turns them into notifications (ui/notifications.ts). Their words are
 * kept as keys and values (ui/said.ts), worded in the language of the moment
 * they are shown.
 */
import type { ExerciseView } from '../../engine/view/types';
import type { Notice } from '../ui/notifications';
import { phrase, type Said } from '../ui/said';
import { engineText } from '../ui/engineText';

type NewNotice = Omit<Notice, 'read'>;

/** The notices for the change from `previous` to `view`, oldest first. `now` is the server's time. */
export function noticesBetween(previous: ExerciseView, view: ExerciseView, now: number): NewNotice[] {
  return [
    ...phaseNotices(previous, view, now),
    ...injectNotices(previous, view),
    ...proposalNotices(previous, view, now),
    ...evidenceNotices(previous, view),
    ...announcementNotices(previous, view),
    ...clockNotices(previous, view),
  ];
}

const isFacilitator = (view: ExerciseView) => view.viewer.role === 'facilitator';

function phaseNotices(previous: ExerciseView, view: ExerciseView, now: number): NewNotice[] {
  const out: NewNotice[] = [];
  if (view.rounds.length > previous.rounds.length) {
    const r = view.rounds[view.rounds.length - 1]!;
    const deadline = previous.clock.deadline;
    const timeUp = previous.phase === 'deliberation' && deadline !== null && now >= deadline - 2000;
    out.push({
      id: `result-${r.round}`,
      kind: 'result',
      title: phrase(timeUp ? 'notice.timeUpResolved' : 'notice.resolved', { round: { round: r.round } }),
      text: [
        timeUp ? phrase('notice.asItStood') : '',
        phrase('notice.resultLine', {
          before: r.escalationBefore,
          after: r.escalationAfter,
          rung: { rung: r.escalationAfter },
          adversary: view.scenario.adversaryName,
          posture: { posture: r.postureAfter, lower: true },
          cohesion: Math.round(r.cohesion.value),
        }),
      ],
      at: now,
      urgent: timeUp,
      ref: `round-${r.round}-h`,
    });
  }
  // The facilitator moved the exercise on itself: only the other seats are told.
  if (isFacilitator(view)) return out;
  if (previous.phase !== view.phase || previous.round !== view.round) {
    const started = phaseStarted(view);
    if (started) out.push({ id: `phase-${view.phase}-${view.round}`, kind: 'phase', ...started, at: now });
  }
  if (!previous.paused && view.paused) out.push({ id: `paused-${view.seq}`, kind: 'clock', title: phrase('notice.paused'), text: phrase('notice.pausedText'), at: now });
  if (previous.paused && !view.paused) out.push({ id: `resumed-${view.seq}`, kind: 'clock', title: phrase('notice.resumed'), text: phrase('notice.resumedText'), at: now });
  return out;
}

function phaseStarted(view: ExerciseView): { title: Said; text: Said } | null {
  switch (view.phase) {
    case 'briefing':
      return { title: phrase('notice.started'), text: phrase(view.viewer.role === 'team' ? 'notice.readBriefing' : 'notice.briefingOpen') };
    case 'deliberation': {
      const minutes = view.scenario.rounds[view.round - 1]?.minutes;
      return { title: phrase('notice.roundStarted', { round: { round: view.round } }), text: [minutes ? phrase('notice.minutes', { count: minutes }) : '', phrase('clockRule')] };
    }
    case 'debrief':
      return { title: phrase('notice.ended'), text: phrase('notice.debriefOpen') };
    default:
      return null;
  }
}

function injectNotices(previous: ExerciseView, view: ExerciseView): NewNotice[] {
  if (isFacilitator(view)) return [];
  const seen = new Set(previous.injects.map((i) => i.id));
  return view.injects
    .filter((i) => !seen.has(i.id))
    .map((i) => ({
      id: `inject-${i.id}`,
      kind: 'inject' as const,
      // An inject the engine wrote, in the language of the moment it arrives.
      title: phrase(typeof i.audience === 'object' ? 'notice.privateIntel' : 'notice.newInject', { title: engineText(i.title, i.titleMessages) }),
      text: firstSentence(engineText(i.body, i.bodyMessages)),
      at: i.at,
      ref: `inj-${i.id}`,
    }));
}

/** Coalition proposals another government made that this team has not answered yet. */
function proposalNotices(previous: ExerciseView, view: ExerciseView, now: number): NewNotice[] {
  const team = view.me?.team;
  if (!team) return [];
  const seen = new Set(previous.proposals.map((p) => p.id));
  return view.proposals
    .filter((p) => p.open && !seen.has(p.id) && p.by !== team && !p.responses[team])
    .map((p) => ({
      id: `proposal-${p.id}`,
      kind: 'proposal' as const,
      title: phrase('notice.proposes', { team: { team: p.by }, action: { action: p.action } }),
      text: phrase('notice.proposesText'),
      at: now,
      ref: 'proposals-h',
    }));
}

/** Evidence shared by an ally with this team. */
function evidenceNotices(previous: ExerciseView, view: ExerciseView): NewNotice[] {
  const team = view.me?.team;
  if (!team) return [];
  const last = previous.timeline.reduce((max, e) => Math.max(max, e.seq), -1);
  return view.timeline
    .filter((e) => e.seq > last && e.kind === 'intel' && e.team && e.team !== team && typeof e.audience === 'object' && e.audience.teams.includes(team))
    .map((e) => ({ id: `evidence-${e.seq}`, kind: 'evidence' as const, title: phrase('notice.evidence', { team: { team: e.team! } }), text: e.text, at: e.at }));
}

function announcementNotices(previous: ExerciseView, view: ExerciseView): NewNotice[] {
  if (isFacilitator(view)) return [];
  const seen = new Set(previous.chat.map((m) => m.id));
  return view.chat
    .filter((m) => m.channel === 'announcement' && !seen.has(m.id))
    .map((m) => ({ id: `announcement-${m.id}`, kind: 'announcement' as const, title: phrase('notice.announcement', { from: m.from }), text: m.text, at: m.at }));
}

/** The facilitator moved the deadline of the running round. */
function clockNotices(previous: ExerciseView, view: ExerciseView): NewNotice[] {
  const before = previous.clock.deadline;
  const after = view.clock.deadline;
  if (view.phase !== 'deliberation' || previous.round !== view.round || before === null || after === null) return [];
  const delta = after - before;
  if (Math.abs(delta) < 30_000) return [];
  const minutes = Math.round(Math.abs(delta) / 60_000);
  const shortened = delta < 0;
  return [{
    id: `clock-${after}`,
    kind: 'clock',
    title: phrase(shortened ? 'notice.shortened' : 'notice.extended', { count: minutes }),
    text: phrase(shortened ? 'clockRule' : 'notice.moreTime'),
    at: after,
    urgent: shortened,
  }];
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/[.!?](\s|$)/);
  const sentence = end >= 0 ? flat.slice(0, end + 1) : flat;
  return sentence.length > 160 ? `${sentence.slice(0, 157)}…` : sentence;
}
