/**
 * What changed between two views that concerns this seat, as notices: new
 * injects, proposals to answer, evidence an ally shared, announcements, the
 * clock moved or stopped, a round started or resolved. Pure: the exercise
 * shell turns them into notifications (ui/notifications.ts).
 */
import type { ExerciseView } from '../../engine/view/types';
import { actionName, clockRule, ladderLabel, postureWord, roundTitle, teamName } from '../ui/format';
import { t } from '../ui/i18n';
import type { Notice } from '../ui/notifications';

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
      title: t(timeUp ? 'notice.timeUpResolved' : 'notice.resolved', { round: roundTitle(view, r.round) }),
      text:
        (timeUp ? t('notice.asItStood') : '') +
        t('notice.resultLine', {
          before: r.escalationBefore,
          after: r.escalationAfter,
          rung: ladderLabel(view, r.escalationAfter),
          adversary: view.scenario.adversaryName,
          posture: postureWord(r.postureAfter).toLowerCase(),
          cohesion: Math.round(r.cohesion.value),
        }),
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
  if (!previous.paused && view.paused) out.push({ id: `paused-${view.seq}`, kind: 'clock', title: t('notice.paused'), text: t('notice.pausedText'), at: now });
  if (previous.paused && !view.paused) out.push({ id: `resumed-${view.seq}`, kind: 'clock', title: t('notice.resumed'), text: t('notice.resumedText'), at: now });
  return out;
}

function phaseStarted(view: ExerciseView): { title: string; text: string } | null {
  switch (view.phase) {
    case 'briefing':
      return { title: t('notice.started'), text: view.viewer.role === 'team' ? t('notice.readBriefing') : t('notice.briefingOpen') };
    case 'deliberation': {
      const minutes = view.scenario.rounds[view.round - 1]?.minutes;
      return { title: t('notice.roundStarted', { round: roundTitle(view, view.round) }), text: `${minutes ? t('notice.minutes', { count: minutes }) : ''}${clockRule()}` };
    }
    case 'debrief':
      return { title: t('notice.ended'), text: t('notice.debriefOpen') };
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
      title: t(typeof i.audience === 'object' ? 'notice.privateIntel' : 'notice.newInject', { title: i.title }),
      text: firstSentence(i.body),
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
      title: t('notice.proposes', { team: teamName(view, p.by), action: actionName(view, p.action) }),
      text: t('notice.proposesText'),
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
    .map((e) => ({ id: `evidence-${e.seq}`, kind: 'evidence' as const, title: t('notice.evidence', { team: teamName(view, e.team!) }), text: e.text, at: e.at }));
}

function announcementNotices(previous: ExerciseView, view: ExerciseView): NewNotice[] {
  if (isFacilitator(view)) return [];
  const seen = new Set(previous.chat.map((m) => m.id));
  return view.chat
    .filter((m) => m.channel === 'announcement' && !seen.has(m.id))
    .map((m) => ({ id: `announcement-${m.id}`, kind: 'announcement' as const, title: t('notice.announcement', { from: m.from }), text: m.text, at: m.at }));
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
    title: t(shortened ? 'notice.shortened' : 'notice.extended', { count: minutes }),
    text: shortened ? clockRule() : t('notice.moreTime'),
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
