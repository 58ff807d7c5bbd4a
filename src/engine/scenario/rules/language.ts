/**
 * The scenario's language: a BCP 47 tag (en, fr, de-CH) that names a known
 * language, so that whatever formats dates or picks a voice for it can.
 */
import type { SemanticRule } from './context';

const LANGUAGES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

export const languageRule: SemanticRule = {
  id: 'language',
  summary: 'meta.language is a well-formed BCP 47 tag naming a known language.',
  codes: ['language-tag', 'unknown-language'],
  check(context) {
    const tag = context.scenario.meta.language;
    const path = ['meta', 'language'];
    let name: string | undefined;
    try {
      name = LANGUAGES.of(tag);
    } catch {
      const hyphenated = tag.replace(/_/g, '-');
      const hint = hyphenated !== tag ? `: tags use hyphens, write ${hyphenated}` : ': write a tag such as en, fr or de-CH';
      context.error('language-tag', path, `"${tag}" is not a language tag${hint}`);
      return;
    }
    if (name === undefined) context.warning('unknown-language', path, `"${tag}" names no language Firebreak knows: write a BCP 47 tag such as en, fr or de-CH`);
  },
};
