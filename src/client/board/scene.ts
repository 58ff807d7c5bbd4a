/**
 * The Phaser scene of the board: the map of allied capitals and the
 * coalition links between them, the escalation ladder with the adversary's
 * posture, attribution meters per incident, and the sanctions board. It
 * redraws from a BoardModel; it never decides anything. In scenarios with
 * further adversaries each adversary has a line under the ladder and a mark
 * (a shape and a colour) that tells its incidents apart, in the meters and
 * beside the capitals they strike. Its words come from ui/i18n-board.ts.
 *
 * Text objects are kept between redraws and only re-rendered when their
 * text or style changes (each one is a texture); the shapes are redrawn.
 */
import * as Phaser from 'phaser';
import type { AdversaryShape, BoardAdversary, BoardModel } from './model';
import { projector } from './model';
import { COASTS } from './outline';
import { sanctionWord } from '../ui/format';
import { t } from '../ui/i18n';
import { H, SMALLEST_TEXT, W } from './size';

export { W, H };
const MAP = { x: 16, y: 16, w: 760, h: 430 };
const METERS = { x: 16, y: 462, w: 760, h: 242 };
const LADDER = { x: 792, y: 16, w: 472, h: 430 };
const SANCTIONS = { x: 792, y: 462, w: 472, h: 242 };

const INK = 0x1b2430;
const PANEL = 0xffffff;
const WATER = 0xdde8f0;
const LAND = 0xf1ede4;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

const hex = (colour: string) => Number.parseInt(colour.replace('#', ''), 16);
const v = (x: number, y: number) => new Phaser.Math.Vector2(x, y);

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

interface TextStyle {
  size: number;
  colour?: string;
  bold?: boolean;
  bg?: string;
  pad?: [number, number];
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

type Layers = Record<'panels' | 'map' | 'links' | 'marks' | 'ladder' | 'meters' | 'sanctions', Phaser.GameObjects.Graphics>;

export class BoardScene extends Phaser.Scene {
  private model: BoardModel | null = null;
  private layers: Layers | null = null;
  private readonly texts = new Map<string, { t: Phaser.GameObjects.Text; style: string }>();
  private readonly used = new Set<string>();
  private rungs = 10;
  private topLevel = 9;
  /** The height under the rungs kept for the adversaries' lines. */
  private footer = 64;

  constructor() {
    super({ key: 'board' });
  }

  create(): void {
    const g = () => this.add.graphics();
    this.layers = { panels: g(), map: g(), links: g(), marks: g(), ladder: g(), meters: g(), sanctions: g() };
    if (this.model) this.draw(this.model);
  }

  show(model: BoardModel): void {
    this.model = model;
    if (this.layers) this.draw(model);
  }

  /** The round-resolution animation: a banner, and the ladder marker climbing (or falling) between rungs. */
  playRound(round: number, from: number, to: number, reduceMotion: boolean): void {
    if (!this.layers || reduceMotion) return;
    const banner = this.add
      .text(MAP.x + MAP.w / 2, MAP.y + MAP.h / 2, t('drawn.roundResolved', { round }), { fontFamily: FONT, fontSize: '44px', color: '#1b2430', fontStyle: 'bold' })
      .setOrigin(0.5)
      .setAlpha(0)
      .setBackgroundColor('#ffffffdd')
      .setPadding(24, 12, 24, 12);
    this.tweens.add({ targets: banner, alpha: 1, duration: 350, yoyo: true, hold: 1400, onComplete: () => banner.destroy() });
    const marker = this.add.graphics();
    marker.lineStyle(6, 0xd55e00, 1).strokeRect(LADDER.x + 10, 0, LADDER.w - 20, this.rungHeight() - 4);
    marker.y = this.rungY(from) + 2;
    this.tweens.add({ targets: marker, y: this.rungY(to) + 2, duration: 1200, ease: 'Cubic.easeInOut', delay: 300 });
    this.tweens.add({ targets: marker, alpha: 0, duration: 600, delay: 1900, onComplete: () => marker.destroy() });
  }

  private draw(model: BoardModel): void {
    const layers = this.layers!;
    for (const g of Object.values(layers)) g.clear();
    this.used.clear();
    this.drawPanels(layers.panels);
    this.drawMap(model, layers);
    this.drawLadder(model, layers.ladder);
    this.drawMeters(model, layers.meters);
    this.drawSanctions(model, layers.sanctions);
    for (const [key, entry] of this.texts) {
      if (this.used.has(key)) continue;
      entry.t.destroy();
      this.texts.delete(key);
    }
  }

  /** A text kept under `key`: created once, re-rendered only when its text or style changes. */
  private text(key: string, x: number, y: number, s: string, style: TextStyle): Phaser.GameObjects.Text {
    const styleKey = JSON.stringify(style);
    let entry = this.texts.get(key);
    if (entry && entry.style !== styleKey) {
      entry.t.destroy();
      entry = undefined;
    }
    if (!entry) {
      const t = this.add.text(x, y, s, {
        fontFamily: FONT,
        fontSize: `${Math.max(SMALLEST_TEXT, style.size)}px`,
        color: style.colour ?? '#1b2430',
        fontStyle: style.bold ? 'bold' : 'normal',
        resolution: Math.min(2, window.devicePixelRatio || 1),
      });
      if (style.bg) t.setBackgroundColor(style.bg);
      if (style.pad) t.setPadding(style.pad[0], style.pad[1], style.pad[0], style.pad[1]);
      entry = { t, style: styleKey };
      this.texts.set(key, entry);
    } else if (entry.t.text !== s) {
      entry.t.setText(s);
    }
    this.used.add(key);
    return entry.t.setPosition(x, y).setOrigin(0, 0);
  }

  private drawPanels(g: Phaser.GameObjects.Graphics): void {
    for (const [box, id, fill] of [
      [MAP, 'capitals', WATER],
      [LADDER, 'ladder', PANEL],
      [METERS, 'meters', PANEL],
      [SANCTIONS, 'sanctions', PANEL],
    ] as const) {
      g.fillStyle(fill, 1).fillRoundedRect(box.x, box.y, box.w, box.h, 10);
      g.lineStyle(2, 0xb8c2cc, 1).strokeRoundedRect(box.x, box.y, box.w, box.h, 10);
      this.text(`title:${id}`, box.x + 14, box.y + 10, t(`drawn.${id}`), { size: 22, bold: true });
    }
  }

  // -- Map ------------------------------------------------------------------

  private drawMap(model: BoardModel, layers: Layers): void {
    const p = projector(model.capitals, MAP.w - 40, MAP.h - 90);
    const px = (lon: number) => MAP.x + 20 + p.x(lon);
    const py = (lat: number) => MAP.y + 40 + p.y(lat);
    this.drawCoasts(layers.map, px, py);
    this.drawGraticule(layers.map, p.visible, px, py);
    this.drawLinks(layers.links, model, px, py);
    this.drawCapitals(layers.marks, model, px, py);
    const cohesion = model.cohesion === null ? t('drawn.notMeasured') : t('drawn.cohesion', { value: Math.round(model.cohesion), round: model.cohesionRound });
    // Two short lines: the legend must stay inside the map panel.
    this.text('map:legend', MAP.x + 14, MAP.y + MAP.h - 56, t('drawn.linkLegend'), { size: 17, colour: '#3a4654' });
    this.text('map:legend2', MAP.x + 14, MAP.y + MAP.h - 34, t('drawn.jointLegend', { cohesion }), { size: 17, colour: '#3a4654' });
  }

  private drawCoasts(g: Phaser.GameObjects.Graphics, px: (n: number) => number, py: (n: number) => number): void {
    const box = { x: MAP.x + 2, y: MAP.y + 2, w: MAP.w - 4, h: MAP.h - 4 };
    for (const ring of COASTS) {
      const pts = ring.map(([lon, lat]) => v(clamp(px(lon), box.x, box.x + box.w), clamp(py(lat), box.y, box.y + box.h)));
      g.fillStyle(LAND, 1).fillPoints(pts, true);
      g.lineStyle(1.5, 0xa89f8c, 1).strokePoints(pts, true);
    }
  }

  private drawGraticule(
    g: Phaser.GameObjects.Graphics,
    vis: { minLon: number; maxLon: number; minLat: number; maxLat: number },
    px: (n: number) => number,
    py: (n: number) => number,
  ): void {
    g.lineStyle(1, 0x9fb3c4, 0.55);
    for (let lon = Math.ceil(vis.minLon / 10) * 10; lon <= vis.maxLon; lon += 10) {
      const x = px(lon);
      if (x > MAP.x && x < MAP.x + MAP.w) g.lineBetween(x, MAP.y + 2, x, MAP.y + MAP.h - 2);
    }
    for (let lat = Math.ceil(vis.minLat / 10) * 10; lat <= vis.maxLat; lat += 10) {
      const y = py(lat);
      if (y > MAP.y && y < MAP.y + MAP.h) g.lineBetween(MAP.x + 2, y, MAP.x + MAP.w - 2, y);
    }
  }

  /** One link per pair of allies: its weight is how alike their postures were last round; solid when they acted together. */
  private drawLinks(g: Phaser.GameObjects.Graphics, model: BoardModel, px: (n: number) => number, py: (n: number) => number): void {
    const caps = model.capitals;
    const linkOf = (a: string, b: string) => model.links.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
    for (let i = 0; i < caps.length; i++) {
      for (let j = i + 1; j < caps.length; j++) {
        const a = caps[i]!;
        const b = caps[j]!;
        const link = linkOf(a.team, b.team);
        const k = link ? link.alignment : 0.35;
        g.lineStyle(2 + 10 * k, 0x24405c, 0.3 + 0.65 * k);
        if (link?.joint) g.lineBetween(px(a.lon), py(a.lat), px(b.lon), py(b.lat));
        else dashed(g, px(a.lon), py(a.lat), px(b.lon), py(b.lat), 14, 10);
      }
    }
  }

  private drawCapitals(g: Phaser.GameObjects.Graphics, model: BoardModel, px: (n: number) => number, py: (n: number) => number): void {
    const spots = model.capitals.map((c) => ({ c, x: px(c.lon), y: py(c.lat) }));
    const taken: Box[] = spots.map(({ x, y }) => ({ x: x - 14, y: y - 14, w: 28, h: 28 }));
    for (const { c, x, y } of spots) {
      if (c.isMe) g.lineStyle(4, INK, 1).strokeCircle(x, y, 19);
      g.fillStyle(hex(c.colour), 1).fillCircle(x, y, 12);
      g.lineStyle(3, INK, 1).strokeCircle(x, y, 12);
      // The adversaries whose active incidents strike this capital: their marks in a row above it.
      const strikers = model.adversaries.filter((a) => model.incidents.some((i) => i.active && i.actor === a.id && i.strikes.some((s) => s.team === c.team)));
      strikers.forEach((a, k) => mark(g, a, x - ((strikers.length - 1) * 24) / 2 + k * 24, y - 32, 10));
      if (strikers.length) taken.push({ x: x - strikers.length * 12 - 2, y: y - 44, w: strikers.length * 24 + 4, h: 24 });
    }
    for (const { c, x, y } of [...spots].sort((a, b) => a.x - b.x)) taken.push(this.placeLabel(c, x, y, taken));
  }

  /** Puts a capital's label (team, city) where it overlaps nothing placed yet, trying eight spots around the marker. */
  private placeLabel(c: BoardModel['capitals'][number], x: number, y: number, taken: Box[]): Box {
    const name = this.text(`cap:${c.team}:name`, 0, 0, `${c.teamName}${c.locked ? ' ✓' : ''}`, { size: 20, bold: true, bg: '#ffffffcc', pad: [4, 1] });
    const city = this.text(`cap:${c.team}:city`, 0, 0, c.city, { size: 16, colour: '#3a4654', bg: '#ffffffaa', pad: [3, 0] });
    const w = Math.max(name.width, city.width);
    const h = name.height + city.height;
    const candidates: [number, number][] = [
      [x - w / 2, y + 16], [x + 16, y - h / 2], [x - w / 2, y - 16 - h], [x - 16 - w, y - h / 2],
      [x + 12, y + 10], [x - 12 - w, y + 10], [x + 12, y - 10 - h], [x - 12 - w, y - 10 - h],
    ];
    const inside = ([bx, by]: [number, number]) => bx > MAP.x + 4 && by > MAP.y + 36 && bx + w < MAP.x + MAP.w - 4 && by + h < MAP.y + MAP.h - 40;
    const cost = ([bx, by]: [number, number]) => taken.reduce((sum, t) => sum + overlap({ x: bx, y: by, w, h }, t), 0) + (inside([bx, by]) ? 0 : 5000);
    const best = candidates.reduce((a, b) => (cost(b) < cost(a) ? b : a));
    name.setPosition(best[0] + (w - name.width) / 2, best[1]);
    city.setPosition(best[0] + (w - city.width) / 2, best[1] + name.height);
    return { x: best[0], y: best[1], w, h };
  }

  // -- Ladder ---------------------------------------------------------------

  private rungHeight(): number {
    return (LADDER.h - 48 - this.footer) / this.rungs;
  }

  private rungY(level: number): number {
    return LADDER.y + 48 + (this.topLevel - level) * this.rungHeight();
  }

  private drawLadder(model: BoardModel, g: Phaser.GameObjects.Graphics): void {
    this.rungs = Math.max(1, model.ladder.length);
    this.topLevel = Math.max(0, ...model.ladder.map((r) => r.level));
    // One line per adversary when there are several; the adversary's two lines (posture, phase) otherwise.
    const several = model.adversaries.length > 1;
    this.footer = several ? 14 + 32 * model.adversaries.length : 64;
    const rh = this.rungHeight();
    for (const rung of model.ladder) {
      const y = this.rungY(rung.level);
      const current = rung.level === model.level;
      g.fillStyle(current ? INK : rung.level >= 8 ? 0xf6e3da : rung.level >= 4 ? 0xf3efe2 : 0xeef3f7, 1);
      g.fillRect(LADDER.x + 12, y + 2, LADDER.w - 24, rh - 4);
      const label = `${rung.level}  ${clip(rung.label, 34)}${current ? `   ${t('drawn.now')}` : ''}`;
      const size = Math.max(14, Math.round(Math.min(20, rh * 0.55)));
      this.text(`rung:${rung.level}`, LADDER.x + 22, y + rh / 2, label, { size, colour: current ? '#ffffff' : '#1b2430', bold: current }).setOrigin(0, 0.5);
    }
    if (this.topLevel >= 4) this.threshold(g, 3, t('drawn.lowThreshold'));
    if (this.topLevel >= 8) this.threshold(g, 7, t('drawn.highThreshold'));
    if (!several) {
      const y = LADDER.y + LADDER.h - 58;
      this.text('ladder:posture', LADDER.x + 14, y, t('drawn.adversary', { name: clip(model.adversaryName, 26), posture: model.postureWord }), { size: 20, bold: true });
      this.text('ladder:phase', LADDER.x + 14, y + 28, t('drawn.phase', { phase: clip(model.campaignPhase, 36) }), { size: 17, colour: '#3a4654' });
      return;
    }
    // Each adversary on a line of its own, behind its mark: name and posture in bold, then its campaign phase where it fits
    // (the words beside the board always give it). Large enough to read where the board is drawn at two thirds of its size.
    model.adversaries.forEach((a, i) => {
      const y = LADDER.y + LADDER.h - this.footer + 8 + i * 32;
      mark(g, a, LADDER.x + 25, y + 14, 10);
      // A long name gives way to the posture: the name is shortened until the line fits the panel.
      const max = LADDER.x + LADDER.w - 14 - (LADDER.x + 44);
      let head = this.text(`ladder:adv:${a.id}`, LADDER.x + 44, y, t('drawn.adversary', { name: clip(a.name, 18), posture: a.postureWord }), { size: 22, bold: true });
      for (let keep = Math.min(18, a.name.length) - 1; head.width > max && keep >= 4; keep--) {
        head = this.text(`ladder:adv:${a.id}`, LADDER.x + 44, y, t('drawn.adversary', { name: clip(a.name, keep), posture: a.postureWord }), { size: 22, bold: true });
      }
      const left = head.x + head.width + 10;
      const room = Math.floor((LADDER.x + LADDER.w - 14 - left) / 11);
      if (room >= 5) this.text(`ladder:advphase:${a.id}`, left, y + 2, `· ${clip(a.campaignPhase, room - 2)}`, { size: 22, colour: '#3a4654' });
    });
  }

  private threshold(g: Phaser.GameObjects.Graphics, below: number, label: string): void {
    const y = this.rungY(below);
    g.lineStyle(3, 0xd55e00, 1);
    dashed(g, LADDER.x + 8, y, LADDER.x + LADDER.w - 8, y, 10, 6);
    this.text(`threshold:${below}`, LADDER.x + LADDER.w - 14, y - 1, label, { size: 14, colour: '#8a3b00', bold: true, bg: '#ffffff', pad: [3, 0] }).setOrigin(1, 0.5);
  }

  // -- Attribution meters ---------------------------------------------------

  private drawMeters(model: BoardModel, g: Phaser.GameObjects.Graphics): void {
    const incidents = model.incidents.slice(0, 5);
    const first = incidents[0];
    if (!first) {
      this.text('meters:none', METERS.x + 14, METERS.y + 52, t('drawn.noIncident'), { size: 18, colour: '#3a4654' });
      return;
    }
    const nameW = 270;
    const colW = Math.min(130, (METERS.w - nameW - 20) / Math.max(1, first.meters.length));
    first.meters.forEach((m, i) => this.text(`meters:head:${m.team}`, METERS.x + nameW + i * colW, METERS.y + 44, m.short, { size: 17, bold: true }));
    const rowH = Math.min(40, (METERS.h - 104) / incidents.length);
    // Where the viewer knows who is behind the incidents (and there are several adversaries), each row starts with its adversary's mark.
    const marked = model.adversaries.length > 1 && incidents.some((i) => i.actor !== null);
    // (The governments each strikes carry its mark on the map.)
    incidents.forEach((inc, row) => {
      const y = METERS.y + 72 + row * rowH;
      const actor = model.adversaries.find((a) => a.id === inc.actor);
      const x = marked ? METERS.x + 38 : METERS.x + 14;
      if (actor && marked) mark(g, actor, METERS.x + 24, y + 11, 10);
      this.text(`meters:inc:${inc.id}`, x, y, clip(inc.name, marked ? 24 : 26), { size: 17 });
      inc.meters.forEach((m, i) => this.meter(g, inc.id, m, METERS.x + nameW + i * colW, y, colW - 14));
    });
    const more = model.incidents.length > incidents.length ? t('drawn.more', { count: model.incidents.length - incidents.length }) : '';
    this.text('meters:legend', METERS.x + 14, METERS.y + METERS.h - 28, t('drawn.metersLegend', { more }), {
      size: 15,
      colour: '#3a4654',
    });
  }

  private meter(g: Phaser.GameObjects.Graphics, incident: string, m: BoardModel['incidents'][number]['meters'][number], x: number, y: number, w: number): void {
    const seg = (w - 22) / 3;
    for (let s = 0; s < 3; s++) {
      const filled = m.confidence !== null && m.confidence > s;
      g.fillStyle(filled ? hex(m.colour) : 0xe8ecef, 1).fillRect(x + s * seg, y, seg - 3, 22);
      g.lineStyle(1.5, INK, 0.8).strokeRect(x + s * seg, y, seg - 3, 22);
    }
    const mark = m.public ? 'P' : m.confidence === null ? '?' : '';
    if (mark) this.text(`meters:mark:${incident}:${m.team}`, x + 3 * seg + 3, y, mark, { size: 18, bold: true, colour: m.public ? '#8a3b00' : '#5b6775' });
  }

  // -- Sanctions ------------------------------------------------------------

  private drawSanctions(model: BoardModel, g: Phaser.GameObjects.Graphics): void {
    if (!model.sanctions.length) {
      this.text('sanctions:none', SANCTIONS.x + 14, SANCTIONS.y + 52, t('drawn.noSanctions'), { size: 18, colour: '#3a4654' });
      return;
    }
    model.sanctions.slice(0, 5).forEach((s, i) => {
      const y = SANCTIONS.y + 48 + i * 38;
      this.text(`sanctions:${s.id}:name`, SANCTIONS.x + 14, y + 4, clip(s.name, 26), { size: 16 });
      const stage = `${sanctionWord(s.stage)}${s.challenge !== 'none' ? ` · ${sanctionWord(s.challenge)}` : ''}`;
      const pill = this.text(`sanctions:${s.id}:stage`, SANCTIONS.x + SANCTIONS.w - 14, y + 2, clip(stage, 30), { size: 15, bold: true }).setOrigin(1, 0);
      g.fillStyle(stageColour(s.stage), 1).fillRoundedRect(pill.x - pill.width - 8, y - 1, pill.width + 16, 26, 12);
    });
  }
}

/** An adversary's mark: its shape in its colour, outlined in ink, centred on (x, y) with radius r. */
function mark(g: Phaser.GameObjects.Graphics, a: Pick<BoardAdversary, 'shape' | 'colour'>, x: number, y: number, r: number): void {
  g.fillStyle(hex(a.colour), 1);
  g.lineStyle(2, 0xffffff, 1);
  const path = shapePoints(a.shape, x, y, r);
  if (path) {
    g.fillPoints(path, true);
    g.strokePoints(path, true);
  } else {
    g.fillCircle(x, y, r);
    g.strokeCircle(x, y, r);
  }
}

function shapePoints(shape: AdversaryShape, x: number, y: number, r: number): Phaser.Math.Vector2[] | null {
  if (shape === 'diamond') return [v(x, y - r - 1), v(x + r + 1, y), v(x, y + r + 1), v(x - r - 1, y)];
  if (shape === 'triangle') return [v(x, y - r - 1), v(x + r + 1, y + r), v(x - r - 1, y + r)];
  if (shape === 'square') return [v(x - r, y - r), v(x + r, y - r), v(x + r, y + r), v(x - r, y + r)];
  return null;
}

function stageColour(stage: string): number {
  if (stage === 'inForce') return 0xcfe8dc;
  if (stage === 'blocked' || stage === 'annulled') return 0xf6d5c5;
  if (stage === 'lifted' || stage === 'expired') return 0xe3e6ea;
  return 0xfbeec9;
}

function overlap(a: Box, b: Box): number {
  const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return dx > 0 && dy > 0 ? dx * dy : 0;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

function dashed(g: Phaser.GameObjects.Graphics, x1: number, y1: number, x2: number, y2: number, dash: number, gap: number): void {
  const len = Math.hypot(x2 - x1, y2 - y1);
  if (len === 0) return;
  const dx = (x2 - x1) / len;
  const dy = (y2 - y1) / len;
  for (let d = 0; d < len; d += dash + gap) {
    const e = Math.min(len, d + dash);
    g.lineBetween(x1 + dx * d, y1 + dy * d, x1 + dx * e, y1 + dy * e);
  }
}
