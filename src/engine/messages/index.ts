/**
 * The sentences the engine writes, one template per sentence (./templates.ts).
 * The engine writes English with say(key, params): the English template is the
 * one source of the English words, and its key names the sentence for every
 * other language. State keeps only the English text, as it always has, so the
 * hashes of stored exercises do not change; recognise() reads a text back into
 * the sequence of keys and parameters it was written from (the views and
 * answers carry both, and a client renders the keys in its own language).
 *
 * A placeholder is {{name}} or {{name, kind}}:
 *   (none)      free text as written (a name from the scenario)
 *   int         a whole number          num     at most 2 decimals, typographic minus
 *   fixed1      one decimal             pct     a share 0..1 as a whole percentage ("46%")
 *   list        names, "A, B and C"     posture the adversary's posture, by id
 *   confidence  none, low, moderate or high       phase   the exercise's phase, by id
 *   level       a report card's rubric level, by id (exemplary, proficient, developing, insufficient)
 *   term        a phrase of TERMS, by key; terms and termsOr several, "A and B", "A or B";
 *               termsAnd several joined by "and" alone, "A and B and C"
 *   msg         sentences of this catalogue (keys part.* are only ever such pieces)
 *   msgs        several of them, "A and B"
 *   parts       pieces (keys part.*) written one after the other, with nothing between
 */
import { TEMPLATES, TERMS, type MessageKey, type TermKey } from './templates';

export { TEMPLATES, TERMS, type MessageKey, type TermKey };

/**
 * A sentence as a key and its parameters: what a client renders in its
 * language. A parameter of kind msg holds the sentences it was written from
 * (EngineMessage[]); one of kind msgs, one such sequence per item.
 */
export interface EngineMessage {
  key: string;
  params: Record<string, ParamValue>;
}
export type ParamValue = string | number | string[] | EngineMessage[] | EngineMessage[][];

export const PARAM_KINDS = ['text', 'int', 'num', 'fixed1', 'pct', 'list', 'posture', 'confidence', 'phase', 'level', 'term', 'terms', 'termsOr', 'termsAnd', 'msg', 'msgs', 'parts'] as const;
export type ParamKind = (typeof PARAM_KINDS)[number];

const MINUS = '\u2212';
const PLACEHOLDER = /\{\{(\w+)(?:,\s*(\w+))?\}\}/g;

/** The placeholders of a template, in order, with their kinds. */
export function placeholders(template: string): { name: string; kind: ParamKind }[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1]!, kind: (m[2] ?? 'text') as ParamKind }));
}

/** "A", "A and B", "A, B and C". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

/** "A", "A or B", "A, B or C". */
export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]!}`;
}

function roundTo(x: number, places: number): number {
  const f = 10 ** places;
  const r = Math.round(x * f + (x >= 0 ? 1e-9 : -1e-9)) / f;
  return Object.is(r, -0) ? 0 : r;
}

const strings = (value: ParamValue): string[] => (Array.isArray(value) ? (value as string[]) : [String(value)]);
const term = (key: string): string => TERMS[key as TermKey] ?? key;

/** A parameter as English writes it; the engine passes msg and msgs parameters already written (say's result). */
function english(kind: ParamKind, value: ParamValue): string {
  const n = Number(value);
  switch (kind) {
    case 'int':
      return String(Math.round(n));
    case 'num': {
      const r = roundTo(n, 2);
      return r < 0 ? MINUS + String(Math.abs(r)) : String(r);
    }
    case 'fixed1':
      return n.toFixed(1);
    case 'pct':
      return `${Math.round(n * 100)}%`;
    case 'list':
    case 'msgs':
      return joinAnd(strings(value));
    case 'parts':
      return strings(value).join('');
    case 'term':
      return term(String(value));
    case 'terms':
      return joinAnd(strings(value).map(term));
    case 'termsOr':
      return joinOr(strings(value).map(term));
    case 'termsAnd':
      return strings(value).map(term).join(' and ');
    default:
      return String(value);
  }
}

/** A template with its parameters filled in, in English. */
/** A template split once into literals and placeholders: filling it then needs no regular expression. */
type Split = { literals: string[]; params: { name: string; kind: ParamKind }[] };
const SPLITS = new Map<string, Split>();

function split(template: string): Split {
  let found = SPLITS.get(template);
  if (!found) {
    const pieces = template.split(PLACEHOLDER);
    found = {
      literals: pieces.filter((_, i) => i % 3 === 0),
      params: pieces.flatMap((piece, i) => (i % 3 === 1 ? [{ name: piece, kind: (pieces[i + 1] ?? 'text') as ParamKind }] : [])),
    };
    SPLITS.set(template, found);
  }
  return found;
}

export function fill(template: string, params: Record<string, ParamValue>): string {
  // Bots check every action's legality many times a round, and each refusal writes its sentence: this is a hot path.
  const { literals, params: slots } = split(template);
  let out = literals[0]!;
  slots.forEach((slot, i) => {
    const value = params[slot.name];
    if (value === undefined) throw new Error(`The engine's sentence "${template}" needs the parameter ${slot.name}.`);
    out += english(slot.kind, value) + literals[i + 1]!;
  });
  return out;
}

/** The engine's sentence `key` in English. */
export function say(key: MessageKey, params: Record<string, ParamValue> = {}): string {
  return fill(TEMPLATES[key], params);
}

// ---------------------------------------------------------------------------
// Reading a text back into its sentences: each template is a row of literal
// and parameter segments, matched left to right; free parameters try each
// possible end, shortest first, until the rest of the text reads too.

type Segment = { literal: string } | { name: string; kind: ParamKind; pattern: RegExp | null };

interface Compiled {
  key: string;
  segments: Segment[];
  /** Only inside another sentence (keys part.*), never on its own. */
  part: boolean;
  /** Literal characters: templates with more of them are tried first. */
  weight: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const TERM_PHRASES = Object.values(TERMS as Record<string, string>).sort((a, b) => b.length - a.length);
const TERM_BY_PHRASE = new Map(Object.entries(TERMS as Record<string, string>).map(([k, v]) => [v, k]));
const TERM_ALT = TERM_PHRASES.map(escape).join('|');

/** The fixed shape of a parameter; null for free text and sentences, whose end is found by trying. */
function shape(kind: ParamKind): RegExp | null {
  const fixed: Partial<Record<ParamKind, string>> = {
    int: '-?\\d+',
    num: `${MINUS}?\\d+(?:\\.\\d+)?`,
    fixed1: '-?\\d+\\.\\d',
    pct: '-?\\d+%',
    posture: '[A-Za-z]+',
    confidence: 'none|low|moderate|high',
    phase: '[a-z]+',
    level: 'exemplary|proficient|developing|insufficient',
    term: TERM_ALT,
    terms: `(?:${TERM_ALT})(?:(?:, | and )(?:${TERM_ALT}))*`,
    termsOr: `(?:${TERM_ALT})(?:(?:, | or )(?:${TERM_ALT}))*`,
    termsAnd: `(?:${TERM_ALT})(?: and (?:${TERM_ALT}))*`,
  };
  const source = fixed[kind];
  return source === undefined ? null : new RegExp(source, 'y');
}

function compile(): Compiled[] {
  return Object.entries(TEMPLATES as Record<string, string>)
    .map(([key, template]) => {
      const params = placeholders(template);
      const literals = template.split(PLACEHOLDER).filter((_, i) => i % 3 === 0);
      const segments: Segment[] = [];
      literals.forEach((literal, i) => {
        if (literal) segments.push({ literal });
        const p = params[i];
        if (p) segments.push({ ...p, pattern: shape(p.kind) });
      });
      return { key, segments, part: key.startsWith('part.'), weight: literals.join('').length };
    })
    .sort((a, b) => b.weight - a.weight);
}

/** A list of phrases back into their keys (the longest phrase first at each step, as phrases may hold "and"). */
function termKeys(text: string, joiner: RegExp): string[] {
  const keys: string[] = [];
  let rest = text;
  while (rest.length) {
    const phrase = TERM_PHRASES.find((p) => rest.startsWith(p))!;
    keys.push(TERM_BY_PHRASE.get(phrase)!);
    rest = rest.slice(phrase.length).replace(joiner, '');
  }
  return keys;
}

/**
 * Names joined "A, B and C" back into a list. Names may hold " and "
 * themselves ("EU Council and High Representative"): the commas split first,
 * and the last stretch at its first " and ".
 */
function splitAnd(text: string): string[] {
  const parts = text.split(', ');
  const last = parts.pop()!;
  const and = last.indexOf(' and ');
  return and < 0 ? [...parts, last] : [...parts, last.slice(0, and), last.slice(and + 5)];
}

/**
 * Sentences joined "A, B and C" back into their items, each read whole:
 * every way of cutting at ", " and " and " is tried, and the reading with
 * the fewest characters of free text wins (items may hold commas and "and").
 */
function readJoined(text: string, templates: Compiled[]): { items: EngineMessage[][]; cost: number } | null {
  if (!joinedReadings.has(text)) joinedReadings.set(text, readJoinedUnmemoised(text, templates));
  return joinedReadings.get(text)!;
}

function readJoinedUnmemoised(text: string, templates: Compiled[]): { items: EngineMessage[][]; cost: number } | null {
  let best: { items: EngineMessage[][]; cost: number } | null = null;
  const consider = (items: EngineMessage[][], cost: number) => {
    if (!best || cost < best.cost) best = { items, cost };
  };
  const whole = readSequence(text, 0, templates, true);
  if (whole) consider([whole.messages], whole.cost);
  for (const sep of [', ', ' and ']) {
    for (let at = text.indexOf(sep); at > 0; at = text.indexOf(sep, at + 1)) {
      const first = readSequence(text.slice(0, at), 0, templates, true);
      if (!first) continue;
      const rest = text.slice(at + sep.length);
      if (sep === ' and ') {
        const last = readSequence(rest, 0, templates, true);
        if (last) consider([first.messages, last.messages], first.cost + last.cost);
      } else {
        const more = readJoined(rest, templates);
        if (more && more.items.length >= 2) consider([first.messages, ...more.items], first.cost + more.cost);
      }
    }
  }
  return best;
}

/** A parameter of fixed shape back from its English words. */
function parseFixed(kind: ParamKind, text: string): ParamValue {
  switch (kind) {
    case 'int':
    case 'fixed1':
      return Number(text);
    case 'num':
      return Number(text.replace(MINUS, '-'));
    case 'pct':
      return Number(text.slice(0, -1)) / 100;
    case 'term':
      return TERM_BY_PHRASE.get(text)!;
    case 'terms':
      return termKeys(text, /^(?:, | and )/);
    case 'termsOr':
      return termKeys(text, /^(?:, | or )/);
    case 'termsAnd':
      return termKeys(text, /^ and /);
    default:
      return text;
  }
}

/**
 * A free parameter back from its English words, with what it costs: the
 * characters read as free text. Null when it does not read as its kind.
 */
function parseFree(kind: ParamKind, text: string, templates: Compiled[]): { value: ParamValue; cost: number } | null {
  switch (kind) {
    case 'msg':
    case 'parts': {
      if (text === '') return { value: [], cost: 0 };
      const read = readSequence(text, 0, templates, true, kind === 'parts' ? '' : ' ');
      return read && { value: read.messages, cost: read.cost };
    }
    case 'msgs': {
      const read = text ? readJoined(text, templates) : null;
      return read && { value: read.items, cost: read.cost };
    }
    case 'list':
      return text ? { value: splitAnd(text), cost: text.length } : null;
    default:
      return text ? { value: text, cost: text.length } : null;
  }
}

interface Match {
  params: Record<string, ParamValue>;
  end: number;
  cost: number;
}

/** Every way the segments from `i` on match the text from `at` on: the parameters found, where the match ends and its cost. */
function* matchSegments(text: string, at: number, segments: Segment[], i: number, templates: Compiled[]): Generator<Match> {
  spend();
  if (i === segments.length) {
    yield { params: {}, end: at, cost: 0 };
    return;
  }
  const seg = segments[i]!;
  if ('literal' in seg) {
    if (text.startsWith(seg.literal, at)) yield* matchSegments(text, at + seg.literal.length, segments, i + 1, templates);
    return;
  }
  if (seg.pattern) {
    seg.pattern.lastIndex = at;
    const m = seg.pattern.exec(text);
    if (!m) return;
    const value = parseFixed(seg.kind, m[0]);
    for (const rest of matchSegments(text, at + m[0].length, segments, i + 1, templates)) yield { ...rest, params: { ...rest.params, [seg.name]: value } };
    return;
  }
  // A free parameter: each possible end, shortest first; where a literal follows, only where that literal starts.
  const next = segments[i + 1];
  const follows = next && 'literal' in next ? next.literal : null;
  // Sentences that end a sentence take the rest of the text: whatever follows is theirs to read.
  const first = seg.kind === 'msg' && i === segments.length - 1 ? text.length : at;
  for (let end = first; end <= text.length; end += 1) {
    if (follows !== null) {
      end = text.indexOf(follows, end);
      if (end < 0) return;
    } else if (i === segments.length - 1 && end < text.length && text[end] !== ' ') {
      continue; // a sentence ends at the end of the text or before a space
    }
    const read = parseFree(seg.kind, text.slice(at, end), templates);
    if (read === null) continue;
    for (const rest of matchSegments(text, end, segments, i + 1, templates)) {
      yield { params: { ...rest.params, [seg.name]: read.value }, end: rest.end, cost: rest.cost + read.cost };
    }
  }
}

/**
 * The whole of the text from `at` on as sentences joined by single spaces;
 * null when it does not read so. Of several readings, the one that reads the
 * fewest characters as free text wins: "−2.5: X went ahead…" is a score's
 * lost points around a sentence, not a sentence about "−2.5: X".
 */
function readSequence(text: string, at: number, templates: Compiled[], nested: boolean, sep: '' | ' ' = ' '): Reading | null {
  const key = `${nested ? 'n' : 't'}${sep ? 's' : 'p'}${at}|${text}`;
  const known = readings.get(key);
  if (known !== undefined) return known;
  const found = readSequenceUnmemoised(text, at, templates, nested, sep);
  readings.set(key, found);
  return found;
}

type Reading = { messages: EngineMessage[]; cost: number };
/** The readings of one recognise() call, by position and text: each stretch is read once, however many ways lead to it. */
let readings = new Map<string, Reading | null>();
const joinedReadings = new Map<string, { items: EngineMessage[][]; cost: number } | null>();

function readSequenceUnmemoised(text: string, at: number, templates: Compiled[], nested: boolean, sep: '' | ' '): Reading | null {
  let best: Reading | null = null;
  for (const t of templates) {
    if (t.part && !nested) continue;
    // Pieces written one after the other are pieces, each opening with its own words.
    if (sep === '' && (!t.part || !('literal' in t.segments[0]!))) continue;
    for (const m of matchSegments(text, at, t.segments, 0, templates)) {
      if (m.end === at || (best && m.cost >= best.cost)) continue;
      const message = { key: t.key, params: m.params };
      if (m.end === text.length) best = { messages: [message], cost: m.cost };
      else if (sep === '' || text[m.end] === ' ') {
        const rest = readSequence(text, m.end + sep.length, templates, nested, sep);
        if (rest && (!best || m.cost + rest.cost < best.cost)) best = { messages: [message, ...rest.messages], cost: m.cost + rest.cost };
      }
      if (best?.cost === 0) return best;
    }
  }
  return best;
}

let compiled: Compiled[] | null = null;
const cache = new Map<string, EngineMessage[] | null>();
const CACHE_LIMIT = 5000;

/**
 * Reading is a search, and texts can carry words from outside the engine
 * (names, a facilitator's reasons, a command's own fields echoed in a
 * refusal), so it is bounded: a text longer than the engine writes, or one
 * that takes several times the steps the engine's own texts need, is shown
 * as it is. Over simulated exercises of every shipped scenario the most any
 * of them took was about 290,000 steps (a cohesion component listing every
 * solo response, about 50 ms); texts built to make reading slow or deep stop
 * at the budget, or at the stack's depth, instead of stalling the process.
 */
export const RECOGNISE_MAX_CHARS = 4000;
const RECOGNISE_MAX_STEPS = 1_000_000;
let stepsLeft = 0;
class OverBudget extends Error {}
function spend(): void {
  stepsLeft -= 1;
  if (stepsLeft < 0) throw new OverBudget('over budget');
}

function readWithinBudget(text: string, templates: Compiled[]): EngineMessage[] | null {
  if (text.length === 0 || text.length > RECOGNISE_MAX_CHARS) return null;
  stepsLeft = RECOGNISE_MAX_STEPS;
  try {
    return readSequence(text, 0, templates, false)?.messages ?? null;
  } catch (error) {
    // Too many steps, or nesting deeper than the stack: not a text the engine wrote.
    if (error instanceof OverBudget || error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * The sentences a text was written from, in order (joined by single spaces);
 * null when some part of it is not one of the engine's sentences (a scenario's
 * own words, or a facilitator's): a client then shows the text as it is.
 * Remembered per text: the same sentences are read for every view.
 */
export function recognise(text: string): EngineMessage[] | null {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  compiled ??= compile();
  readings = new Map();
  joinedReadings.clear();
  const found = readWithinBudget(text, compiled);
  readings.clear();
  joinedReadings.clear();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, found);
  return found;
}

/** recognise() for a text that may be absent. */
export function recogniseOrNull(text: string | null | undefined): EngineMessage[] | null {
  return text ? recognise(text) : null;
}
