/**
 * The projector view (/project/ID): what a room may see on the wall, from
 * the back of the room at 1920×1080. It holds its own observer seat, named
 * "Projector", joined with the observer code the facilitator's credential
 * lists, so it never receives the facilitator's secrets; and of the
 * observer's view it shows only what the visibility table makes public to
 * everyone (round, clock, ladder, who has locked, injects to all teams,
 * announcements). Before the start it shows the join links as QR codes.
 */
import type { ExerciseView } from '../../engine/view/types';
import { engineText } from '../ui/engineText';
import type { ExerciseSummary } from '../../protocol/events';
import { connection, request } from '../net/connection';
import { seatFor, type StoredSeat } from '../net/credentials';
import { Session } from '../net/session';
import { refreshClocks, startClockTicker } from '../ui/clock';
import { html, nothing, paragraphs, render, repeat, swatch, type TemplateResult } from '../ui/dom';
import { injectKindWord, phaseWord, postureWord, roundWord, storyDate, teamsTakingPart, teamStateWord, timeOfDay } from '../ui/format';
import { colon, t } from '../ui/i18n';
import { lockIcon } from '../ui/icons';
import { qrCode } from '../ui/qr';
import { storage } from '../ui/storage';
import { clockBadge } from './parts/topbar';

const KEY = 'firebreak.projector.v1';

export function mountProjector(root: HTMLElement, exerciseId: string): () => void {
  const facilitator = seatFor(exerciseId, 'facilitator');
  if (!facilitator) {
    render(noConsole(), root);
    return () => {};
  }
  let session: Session | null = null;
  let summary: ExerciseSummary | null = null;
  let stopped = false;
  const draw = () => {
    if (stopped) return;
    const view = session?.view;
    render(view ? projectorScreen(view, summary, session!) : opening(session?.failure?.message ?? null), root);
    if (view) document.title = `${t('projector.title', { title: view.scenario.title })} · Firebreak`;
    refreshClocks();
  };
  const stopTicker = startClockTicker();
  void (async () => {
    summary = await exerciseSummary(facilitator);
    const seat = storedProjectorSeat(exerciseId) ?? (await joinAsProjector(exerciseId, summary));
    if (stopped) return;
    if (!seat) {
      render(opening(t('projector.noSeat')), root);
      return;
    }
    session = new Session(connection(), seat);
    session.onChange(draw);
    session.start();
    draw();
  })();
  // A new language: the view's own words at once, the scenario's texts with the view the server sends back.
  const languageChanged = () => {
    draw();
    void session?.languageChanged();
  };
  window.addEventListener('firebreak:language', languageChanged);
  draw();
  return () => {
    stopped = true;
    window.removeEventListener('firebreak:language', languageChanged);
    stopTicker();
    session?.stop();
  };
}

async function exerciseSummary(facilitator: StoredSeat): Promise<ExerciseSummary | null> {
  const answer = await request('exercise:list', { credentials: [facilitator.credential] });
  return answer.ok ? (answer.exercises.find((e) => e.exerciseId === facilitator.exerciseId) ?? null) : null;
}

function storedProjectorSeat(exerciseId: string): StoredSeat | null {
  try {
    const all = JSON.parse(storage.getItem(KEY) ?? '{}') as Record<string, StoredSeat>;
    return all[exerciseId] ?? null;
  } catch {
    return null;
  }
}

async function joinAsProjector(exerciseId: string, summary: ExerciseSummary | null): Promise<StoredSeat | null> {
  const code = summary?.codes?.observer;
  if (!code) return null;
  const answer = await request('seat:join', { code, name: 'Projector' });
  if (!answer.ok) return null;
  const seat: StoredSeat = {
    exerciseId,
    credential: answer.credential,
    role: answer.seat.role,
    team: null,
    name: answer.seat.name,
    seatId: answer.seat.seatId,
    title: answer.view.scenario.title,
    savedAt: Date.now(),
  };
  let all: Record<string, StoredSeat> = {};
  try {
    all = JSON.parse(storage.getItem(KEY) ?? '{}') as Record<string, StoredSeat>;
  } catch {
    /* start afresh */
  }
  storage.setItem(KEY, JSON.stringify({ ...all, [exerciseId]: seat }));
  return seat;
}

function projectorScreen(view: ExerciseView, summary: ExerciseSummary | null, session: Session): TemplateResult {
  const before = view.phase === 'lobby' || view.phase === 'briefing';
  return html`<div class="pj">
    ${head(view)}
    <main id="main" tabindex="-1" class="pj-main">
      <h1 class="visually-hidden">${t('projector.title', { title: view.scenario.title })}</h1>
      ${before ? joinSection(view, summary, session) : nothing}
      ${view.phase === 'debrief' ? endSection(view) : nothing}
      ${before || view.phase === 'debrief' ? nothing : html`<div class="pj-grid">${ladderSection(view)} ${teamsSection(view)} ${newsSection(view)}</div>`}
    </main>
  </div>`;
}

function head(view: ExerciseView): TemplateResult {
  const round = view.scenario.rounds[view.round - 1];
  const running = view.phase === 'deliberation' || view.paused;
  return html`<header class="pj-head">
    <div class="pj-what">
      <p class="pj-title">${view.scenario.title}</p>
      <p class="pj-round">${view.round > 0 ? html`${t('situation.roundOf', { round: view.round, rounds: view.scenario.rounds.length })}${round ? `${colon()} ${round.title}` : ''}` : phaseWord(view.phase)}</p>
      <p class="pj-phase">${view.round > 0 ? phaseWord(view.phase) : ''}${view.paused ? t('situation.paused') : ''}${round?.date ? html` · <span class="pj-date">${storyDate(round.date)}</span>` : nothing}</p>
    </div>
    ${running ? html`<div class="pj-clock">${clockBadge(view.clock, view.paused)}</div>` : nothing}
  </header>`;
}

function joinSection(view: ExerciseView, summary: ExerciseSummary | null, session: Session): TemplateResult {
  const codes = summary?.codes;
  const seats = session.presence?.seats ?? [];
  const base = `${location.origin}/join/`;
  return html`<section class="pj-join" aria-labelledby="pj-join-h">
    <h2 id="pj-join-h">${t('projector.join', { host: location.host })}</h2>
    ${codes
      ? html`<ul class="pj-codes">${repeat(teamsTakingPart(view.teams).filter((team) => codes.teams[team.id]), (team) => team.id, (team) => {
          const code = codes.teams[team.id]!;
          const players = seats.filter((s) => s.role === 'team' && s.team === team.id && s.connected).map((s) => s.name);
          return html`<li class="pj-code">
            <h3><span class="swatch" aria-hidden="true" style=${swatch(team.colour)}></span>${team.name}</h3>
            ${qrCode(base + code, t('projector.qr', { name: team.name }))}
            <p class="pj-code-text">${code}</p>
            <p class="pj-players">${players.length ? t('projector.joined', { count: players.length, names: players.join(', ') }) : t('projector.noOne')}</p>
          </li>`;
        })}</ul>`
      : html`<p>${t('projector.loadingCodes')}</p>`}
  </section>`;
}

function ladderSection(view: ExerciseView): TemplateResult {
  const top = Math.max(...view.scenario.ladder.map((r) => r.level));
  const rungs = [...view.scenario.ladder].sort((a, b) => b.level - a.level);
  return html`<section class="pj-panel pj-ladder" aria-labelledby="pj-ladder-h">
    <h2 id="pj-ladder-h">${t('projector.escalation', { rung: view.escalation.label })}</h2>
    <ol class="pj-rungs" reversed>${rungs.map((r) => html`
      ${(r.level === 7 && top >= 8) || (r.level === 3 && top >= 4)
        ? html`<li class="pj-threshold" aria-hidden="true">${t(r.level === 7 ? 'projector.firebreak' : 'projector.boat')}</li>`
        : nothing}
      <li value=${r.level} class=${r.level === view.escalation.level ? 'pj-rung pj-rung--now' : 'pj-rung'} aria-current=${r.level === view.escalation.level ? 'step' : 'false'}>
        <span class="pj-level">${r.level}</span> ${r.label}${r.level === view.escalation.level ? html` <strong class="pj-now">◀ ${t('projector.now')}</strong>` : nothing}
      </li>`)}</ol>
    <p class="pj-posture">${view.scenario.adversaryName}: <strong>${postureWord(view.adversary.posture)}</strong></p>
    ${view.otherAdversaries.map((o) => html`<p class="pj-posture" data-actor=${o.id}>${o.name}: <strong>${postureWord(o.posture)}</strong></p>`)}
  </section>`;
}

function teamsSection(view: ExerciseView): TemplateResult {
  const playing = teamsTakingPart(view.teams);
  const locked = playing.filter((team) => team.locked).length;
  return html`<section class="pj-panel" aria-labelledby="pj-teams-h">
    <h2 id="pj-teams-h">${t('projector.locked', { locked, count: playing.length })}</h2>
    <ul class="pj-teams">${view.teams.map((team) => html`<li class=${team.locked ? 'pj-team pj-team--locked' : 'pj-team'}>
      <span class="swatch" aria-hidden="true" style=${swatch(team.colour)}></span> ${team.name}
      <span class="pj-state">${team.locked ? lockIcon() : nothing} ${teamStateWord(team)}</span></li>`)}</ul>
  </section>`;
}

function newsSection(view: ExerciseView): TemplateResult {
  const announcements = view.chat.filter((m) => m.channel === 'announcement').slice(-2).reverse();
  const injects = view.injects.filter((i) => i.audience === 'all').sort((a, b) => b.at - a.at).slice(0, 3);
  return html`<section class="pj-panel pj-news" aria-labelledby="pj-news-h">
    <h2 id="pj-news-h">${t('projector.news')}</h2>
    ${announcements.map((m) => html`<p class="pj-announcement"><strong>${t('projector.announcement')}</strong> ${m.text} <span class="meta">${timeOfDay(m.at)}</span></p>`)}
    ${injects.length
      ? html`<ol class="pj-injects">${injects.map((i) => html`<li><p class="pj-kind">${injectKindWord(i.kind)} · ${roundWord(i.round)}</p><h3>${engineText(i.title, i.titleMessages)}</h3>${paragraphs(engineText(i.body, i.bodyMessages)).slice(0, 1).map((p) => html`<p>${p}</p>`)}</li>`)}</ol>`
      : html`<p class="empty">${t('projector.noNews')}</p>`}
  </section>`;
}

function endSection(view: ExerciseView): TemplateResult {
  return html`<section class="pj-panel pj-end" aria-labelledby="pj-end-h">
    <h2 id="pj-end-h">${t('projector.ended')}</h2>
    ${view.outcome ? html`<p>${view.outcome.summary}</p>` : nothing}
    <p>${t('projector.finalRung', { level: view.escalation.level, rung: view.escalation.label })}</p>
  </section>`;
}

function opening(problem: string | null): TemplateResult {
  return html`<main id="main" class="page narrow"><h1>${t('projector.projector')}</h1><p role="status">${problem ?? t('projector.opening')}</p></main>`;
}

function noConsole(): TemplateResult {
  return html`<main id="main" class="page narrow">
    <h1>${t('projector.fromConsole')}</h1>
    <p>${t('projector.notHere', { link: t('console.projector') })}</p>
    <p><a class="btn btn--primary" href="/" data-link>${t('projector.startPage')}</a></p>
  </main>`;
}
