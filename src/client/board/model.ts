/**
 * What the board shows, derived from the view alone. The Phaser scene draws
 * this model and the DOM summary beside it states the same facts in words,
 * so nothing lives only in the canvas. Pure: no DOM, no Phaser.
 */
import type { ExerciseView, SanctionsView } from '../../engine/view/types';
import { postureWord } from '../ui/format';
import { CONFIDENCE_RANK } from '../../engine/confidence';

export interface BoardCapital {
  team: string;
  teamName: string;
  city: string;
  lat: number;
  lon: number;
  colour: string;
  locked: boolean;
  drafts: number;
  isMe: boolean;
}

export interface BoardMeter {
  team: string;
  teamName: string;
  /** A short label for the canvas (the team's id in capitals, e.g. USA). */
  short: string;
  colour: string;
  stage: string;
  /** 0 none, 1 low, 2 moderate, 3 high; null when not disclosed to this viewer. */
  confidence: number | null;
  public: boolean;
}

export interface BoardIncident {
  id: string;
  name: string;
  /** The adversary behind it (an id of `adversaries`: PRIMARY for the primary one) and the teams it strikes; null where the viewer does not see who is behind it. */
  actor: string | null;
  strikes: { team: string; short: string; teamName: string }[];
  harm: number;
  active: boolean;
  coalitionStage: string;
  sharedBy: string[];
  meters: BoardMeter[];
}

export interface BoardModel {
  capitals: BoardCapital[];
  /** Latest coalition cohesion (0..100) and the round it was measured in; null before round 1 resolves. */
  cohesion: number | null;
  cohesionRound: number | null;
  /** Every pair of governments in the latest resolved round: how alike their postures were (0..1), and whether they acted together. */
  links: { a: string; b: string; alignment: number; joint: boolean }[];
  /** The pairs that acted together, for the words beside the board. */
  jointPairs: [string, string][];
  ladder: { level: number; label: string }[];
  level: number;
  band: string;
  adversaryName: string;
  posture: string;
  postureWord: string;
  campaignPhase: string;
  incidents: BoardIncident[];
  sanctions: { id: string; name: string; teams: string[]; stage: string; challenge: string; listed?: SanctionsView['listed'] }[];
  lastRound: { round: number; escalationBefore: number; escalationAfter: number; postureBefore: string; postureAfter: string } | null;
  /** Further actors beside the adversary (the scenario's otherAdversaries), each with its posture; empty in most scenarios. */
  others: BoardAdversary[];
  /** Every adversary, the primary one first, each with the mark that tells its incidents apart on the board. */
  adversaries: BoardAdversary[];
}

export type AdversaryShape = 'diamond' | 'triangle' | 'square' | 'circle';

export interface BoardAdversary {
  id: string;
  name: string;
  posture: string;
  postureWord: string;
  campaignPhase: string;
  primary: boolean;
  colour: string;
  shape: AdversaryShape;
  /** The shape as a character, for the words beside the board. */
  glyph: string;
}

/** The primary adversary's mark, then the further actors' in turn: a shape and a colour each, so that neither alone tells them apart. */
const MARKS: { colour: string; shape: AdversaryShape; glyph: string }[] = [
  { colour: '#9b1c1c', shape: 'diamond', glyph: '◆' },
  { colour: '#5e3c99', shape: 'triangle', glyph: '▲' },
  { colour: '#00665e', shape: 'square', glyph: '■' },
  { colour: '#8c510a', shape: 'circle', glyph: '●' },
];
const markOf = (i: number) => MARKS[i % MARKS.length]!;

/** The primary adversary's id in the board model (further actors keep their scenario ids). */
export const PRIMARY = '';

/** A short label for the canvas: the team's id in capitals, e.g. USA. */
const shortOf = (team: string) => team.toUpperCase().slice(0, 5);

export function boardModel(view: ExerciseView): BoardModel {
  const myTeam = view.viewer.role === 'team' ? view.viewer.team : null;
  const last = view.rounds[view.rounds.length - 1] ?? null;
  const teamOf = (id: string) => view.teams.find((t) => t.id === id);
  const adversaries: BoardAdversary[] = [
    { id: PRIMARY, name: view.scenario.adversaryName, posture: view.adversary.posture, phaseName: view.adversary.phaseName },
    ...view.otherAdversaries.map((o) => ({ id: o.id, name: o.name, posture: o.posture, phaseName: o.phaseName })),
  ].map((a, i) => ({ id: a.id, name: a.name, posture: a.posture, postureWord: postureWord(a.posture), campaignPhase: a.phaseName, primary: i === 0, ...markOf(i) }));
  return {
    capitals: view.teams.map((t) => ({
      team: t.id,
      teamName: t.name,
      city: t.capital.name,
      lat: t.capital.lat,
      lon: t.capital.lon,
      colour: t.colour,
      locked: t.locked,
      drafts: t.draftCount,
      isMe: t.id === myTeam,
    })),
    cohesion: last ? last.cohesion.value : null,
    cohesionRound: last ? last.round : null,
    links: last?.links ?? [],
    jointPairs: (last?.links ?? []).filter((l) => l.joint).map((l) => [l.a, l.b] as [string, string]),
    ladder: view.scenario.ladder.map((r) => ({ level: r.level, label: r.label })),
    level: view.escalation.level,
    band: view.escalation.band,
    adversaryName: view.scenario.adversaryName,
    posture: view.adversary.posture,
    postureWord: postureWord(view.adversary.posture),
    campaignPhase: view.adversary.phaseName,
    others: adversaries.slice(1),
    adversaries,
    incidents: view.incidents.map((i) => ({
      id: i.id,
      name: i.name,
      // The view names the primary adversary by its scenario id, which the board does not need: any id that is not a further actor's is the primary's.
      actor: i.actor === undefined ? null : view.otherAdversaries.some((o) => o.id === i.actor) ? i.actor : PRIMARY,
      strikes: (i.actor !== undefined ? (i.strikes ?? []) : []).flatMap((id) => {
        const t = teamOf(id);
        return t ? [{ team: t.id, short: shortOf(t.id), teamName: t.name }] : [];
      }),
      harm: i.harm,
      active: i.active,
      coalitionStage: i.coalition.stage,
      sharedBy: i.coalition.sharedBy,
      meters: view.teams.map((t) => {
        const a = i.byTeam[t.id];
        return {
          team: t.id,
          teamName: t.name,
          short: shortOf(t.id),
          colour: teamOf(t.id)?.colour ?? '#999999',
          stage: a?.stage ?? 'unknown',
          confidence: a?.confidence ? CONFIDENCE_RANK[a.confidence] : a && a.stage !== 'undisclosed' ? 0 : null,
          public: a?.public ?? false,
        };
      }),
    })),
    sanctions: view.sanctions.map((s) => ({ id: s.id, name: s.name, teams: s.teams, stage: s.stage, challenge: s.challenge, ...(s.listed ? { listed: s.listed } : {}) })),
    lastRound: last
      ? { round: last.round, escalationBefore: last.escalationBefore, escalationAfter: last.escalationAfter, postureBefore: last.postureBefore, postureAfter: last.postureAfter }
      : null,
  };
}

/**
 * Equirectangular projection (standard parallel at the capitals' mean
 * latitude) of the North Atlantic around the capitals, fitted into a w x h box.
 */
export function projector(capitals: { lat: number; lon: number }[], w: number, h: number) {
  const lats = capitals.map((c) => c.lat);
  const lons = capitals.map((c) => c.lon);
  const meanLat = lats.length ? lats.reduce((a, b) => a + b, 0) / lats.length : 50;
  const k = Math.cos((Math.min(60, Math.max(30, meanLat)) * Math.PI) / 180);
  const minLon = Math.min(-25, ...lons) - 10;
  const maxLon = Math.max(25, ...lons) + 10;
  const minLat = Math.max(-60, Math.min(35, ...lats) - 6);
  const maxLat = Math.min(80, Math.max(62, ...lats) + 6);
  const spanX = (maxLon - minLon) * k;
  const spanY = maxLat - minLat;
  const scale = Math.min(w / spanX, h / spanY);
  const offX = (w - spanX * scale) / 2;
  const offY = (h - spanY * scale) / 2;
  return {
    x: (lon: number) => offX + (lon - minLon) * k * scale,
    y: (lat: number) => offY + (maxLat - lat) * scale,
    /** The lon/lat range visible in the box (for the graticule). */
    visible: {
      minLon: minLon - offX / (k * scale),
      maxLon: maxLon + offX / (k * scale),
      minLat: minLat - offY / scale,
      maxLat: maxLat + offY / scale,
    },
  };
}
