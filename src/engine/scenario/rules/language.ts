/**
 * The scenario's languages: meta.language and every key of `translations`
 * is a BCP 47 tag (en, fr, de-CH) that names a known language, so that
 * whatever formats dates, picks a voice or matches a reader's language can;
 * and a translation names only what the scenario has.
 */
import type { Path } from '../paths';
import type { RuleContext, RefKind, SemanticRule } from './context';

const LANGUAGES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** Reports a tag that is not BCP 47 or names no known language; true when it is well formed. */
function checkTag(context: RuleContext, tag: string, path: Path, at: 'value' | 'key' = 'value'): boolean {
  let name: string | undefined;
  try {
    name = LANGUAGES.of(tag);
  } catch {
    const hyphenated = tag.replace(/_/g, '-');
    const hint = hyphenated !== tag ? `: tags use hyphens, write ${hyphenated}` : ': write a tag such as en, fr or de-CH';
    context.error('language-tag', path, `"${tag}" is not a language tag${hint}`, at);
    return false;
  }
  if (name === undefined) context.warning('unknown-language', path, `"${tag}" names no language Firebreak knows: write a BCP 47 tag such as en, fr or de-CH`, at);
  return true;
}

export const languageRule: SemanticRule = {
  id: 'language',
  summary: 'meta.language is a well-formed BCP 47 tag naming a known language.',
  codes: ['language-tag', 'unknown-language'],
  check(context) {
    checkTag(context, context.scenario.meta.language, ['meta', 'language']);
  },
};

/** The sections of a translation keyed by the id of what they translate. */
const KEYED: readonly [section: 'teams' | 'incidents' | 'actions' | 'injects' | 'indicators', kind: RefKind][] = [
  ['teams', 'team'],
  ['incidents', 'incident'],
  ['actions', 'action'],
  ['injects', 'inject'],
  ['indicators', 'indicator'],
];

export const translationsRule: SemanticRule = {
  id: 'translations',
  summary:
    "Each translation's key is a language tag other than the scenario's own, and it translates only teams, incidents, actions, injects, indicators, rounds and end conditions the scenario has.",
  codes: ['language-tag', 'unknown-language', 'translation-of-own-language', 'unknown-team', 'unknown-incident', 'unknown-action', 'unknown-inject', 'unknown-indicator', 'round-out-of-range', 'unknown-end-condition'],
  check(context) {
    const own = context.scenario.meta.language.toLowerCase();
    for (const [tag, translation] of Object.entries(context.scenario.translations ?? {})) {
      const at: Path = ['translations', tag];
      if (!checkTag(context, tag, at, 'key')) continue;
      if (tag.toLowerCase() === own) {
        context.warning('translation-of-own-language', at, `the scenario is written in "${context.scenario.meta.language}": a translation into it is never shown; change the text itself`, 'key');
      }
      for (const [section, kind] of KEYED) {
        for (const id of Object.keys(translation[section] ?? {})) context.ref(kind, id, [...at, section, id], 'key');
      }
      for (const round of Object.keys(translation.rounds ?? {})) {
        const n = Number(round);
        if (!Number.isInteger(n) || n < 1 || n > context.roundCount) {
          context.error('round-out-of-range', [...at, 'rounds', round], `"${round}" is not a round of the scenario: write its number, 1 to ${context.roundCount}`, 'key');
        }
      }
      const ends = context.scenario.endConditions.map((e) => e.id);
      for (const id of Object.keys(translation.endConditions ?? {})) {
        if (!ends.includes(id)) context.error('unknown-end-condition', [...at, 'endConditions', id], `unknown end condition "${id}" (known: ${ends.join(', ') || 'none'})`, 'key');
      }
    }
  },
};
