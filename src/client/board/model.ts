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
  others: { id: string; name: string; posture: string; postureWord: string; campaignPhase: string }[];
}

export function boardModel(view: ExerciseView): BoardModel {
  const myTeam = view.viewer.role === 'team' ? view.viewer.team : null;
  const last = view.rounds[view.rounds.length - 1] ?? null;
  const teamOf = (id: string) => view.teams.find((t) => t.id === id);
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
    others: view.otherAdversaries.map((o) => ({ id: o.id, name: o.name, posture: o.posture, postureWord: postureWord(o.posture), campaignPhase: o.phaseName })),
    incidents: view.incidents.map((i) => ({
      id: i.id,
      name: i.name,
      harm: i.harm,
      active: i.active,
      coalitionStage: i.coalition.stage,
      sharedBy: i.coalition.sharedBy,
      meters: view.teams.map((t) => {
        const a = i.byTeam[t.id];
        return {
          team: t.id,
          teamName: t.name,
          short: t.id.toUpperCase().slice(0, 5),
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
