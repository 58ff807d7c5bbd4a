/**
 * The engine's sentences in the chosen language. Views and answers carry
 * each English text the engine wrote and, beside it, the sentences it was
 * written from as keys and parameters (src/engine/messages). In English the
 * text shows as it came; in French and German each key is rendered from the
 * catalogue (ui/i18n-engine.ts, namespace "engine"), its parameters written
 * the chosen language's way: numbers, percentages and lists with Intl,
 * postures and phases with the interface's own words (ui/format.ts), a
 * report card's levels with the card's own (cards.level), the
 * phrases and confidence levels from the same catalogue. A key without a translation falls back to its English
 * template, and a text the engine did not wholly write (messages null) shows
 * as it is.
 */
import { fill, placeholders, recognise, TEMPLATES, TERMS, type EngineMessage, type ParamKind, type ParamValue } from '../../engine/messages';
import { locale, t } from './i18n';
import { phaseWord, postureWord } from './format';
import { formatNumber, formatPercent } from './numbers';

type Template = keyof typeof TEMPLATES;

/** A text from the engine in the chosen language: its messages rendered, or the text itself. */
export function engineText(text: string, messages: readonly EngineMessage[] | null | undefined): string {
  if (!messages || locale() === 'en') return text;
  return renderAll(messages);
}

/**
 * A text that arrives without its messages (a report card, an outcome, a
 * course descriptor), in the chosen language: the engine's sentences it is
 * made of are recognised and rendered; the scenario's own words stay as written.
 */
export function recognisedText(text: string): string {
  return locale() === 'en' ? text : engineText(text, recognise(text));
}

/** Whether engineText renders this text from its messages rather than showing the English. */
export function translatesEngineText(messages: readonly EngineMessage[] | null | undefined): boolean {
  return !!messages && locale() !== 'en';
}

function renderAll(messages: readonly EngineMessage[]): string {
  return messages.map(render).join(' ');
}

/** One sentence: the catalogue's words with the parameters written the chosen language's way. */
export function render(message: EngineMessage): string {
  const template = TEMPLATES[message.key as Template];
  if (template === undefined) return message.key;
  const kinds = placeholders(template);
  const local: Record<string, string> = {};
  const english: Record<string, ParamValue> = {};
  for (const { name, kind } of kinds) {
    const value = message.params[name] ?? '';
    local[name] = localParam(kind, value);
    english[name] = kind === 'msg' ? renderAll(value as EngineMessage[]) : kind === 'msgs' ? (value as EngineMessage[][]).map(renderAll) : kind === 'parts' ? (value as EngineMessage[]).map(render) : value;
  }
  return t(message.key, { ns: 'engine', keySeparator: false, nsSeparator: false, ...local, defaultValue: fill(template, english) });
}

const list = (items: string[], type: 'conjunction' | 'disjunction' = 'conjunction') => new Intl.ListFormat(locale(), { style: 'long', type }).format(items);
const term = (key: string) => t(`term.${key}`, { ns: 'engine', keySeparator: false, nsSeparator: false, defaultValue: TERMS[key as keyof typeof TERMS] ?? key });
const strings = (value: ParamValue) => (Array.isArray(value) ? (value as string[]) : [String(value)]);

function localParam(kind: ParamKind, value: ParamValue): string {
  switch (kind) {
    case 'int':
      return formatNumber(Number(value));
    case 'num':
      return formatNumber(Number(value), 0, 2);
    case 'fixed1':
      return formatNumber(Number(value), 1);
    case 'pct':
      return percent(Number(value));
    case 'list':
      return list(strings(value));
    case 'posture':
      return postureWord(String(value));
    case 'confidence':
      return t(`confidence.${String(value)}`, { ns: 'engine', keySeparator: false, nsSeparator: false, defaultValue: String(value) });
    case 'phase':
      return phaseWord(String(value));
    case 'level':
      return t(`cards.level.${String(value)}`, { defaultValue: String(value) });
    case 'term':
      return term(String(value));
    case 'terms':
      return list(strings(value).map(term));
    case 'termsAnd':
      return list(strings(value).map(term));
    case 'termsOr':
      return list(strings(value).map(term), 'disjunction');
    case 'msg':
      return renderAll(value as EngineMessage[]);
    case 'msgs':
      return list((value as EngineMessage[][]).map(renderAll));
    case 'parts':
      return (value as EngineMessage[]).map(render).join('');
    default:
      return String(value);
  }
}

const TERM_BY_PHRASE = new Map(Object.entries(TERMS as Record<string, string>).map(([key, phrase]) => [phrase, key]));

/** One of the engine's phrases given in English (a protected target's words, say), in the chosen language; other words as they are. */
export function localTerm(english: string): string {
  const key = TERM_BY_PHRASE.get(english);
  return key ? term(key) : english;
}

/** A legal category (cybercrime, espionage, …) as a label: its id humanised in English, the catalogue's phrase in French and German. */
export function legalCategoryWord(id: string, english: string): string {
  if (locale() === 'en' || !(id in TERMS)) return english;
  const word = term(id);
  return word.charAt(0).toLocaleUpperCase(locale()) + word.slice(1);
}

/** A report card's measure as a label (the engine's label by measure id in English; its phrase, measure.<id>, capitalised in French and German). */
export function measureLabel(id: string, english: string): string {
  const key = `measure.${id}`;
  if (locale() === 'en' || !(key in TERMS)) return english;
  const word = term(key);
  return word.charAt(0).toLocaleUpperCase(locale()) + word.slice(1);
}

/** A score component's name (the engine's label by component id), in the chosen language. */
export function componentLabel(id: string, english: string): string {
  return t(`component.${id}`, { ns: 'engine', keySeparator: false, nsSeparator: false, defaultValue: english });
}

/** A share 0..1 as a whole percentage, the chosen language's way ("46 %" in French). */
export function percent(share: number): string {
  return formatPercent(share, 1);
}

/** Points with one decimal, the chosen language's way ("2,5" in French and German). */
export function points(x: number): string {
  return formatNumber(x, 1);
}
