// @vitest-environment jsdom
/**
 * The interface's own words in English, French and German: every key the
 * English has, French and German have too (and no other), none is empty,
 * and each translation takes the English string's placeholders. Checked on
 * the resources i18next is given (ui/i18n.ts with its dictionaries: screens,
 * chrome, views, studio and the course page), so a key added in one language
 * only fails here. The engine's sentences are checked in i18n-engine.test.ts.
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import '../../src/client/ui/i18n';
import { COURSE } from '../../src/client/ui/i18n-course';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a resource as "a.b.c" → string. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholdersOf = (text: string) => [...text.matchAll(/\{\{(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();
const bundle = (language: string) => flatten(i18next.getResourceBundle(language, 'translation') as Tree);

describe("the interface's words in English, French and German", () => {
  const en = bundle('en');

  it('has a good number of keys in English, the course page among them', () => {
    expect(en.size).toBeGreaterThan(900);
    for (const key of flatten(COURSE.en as unknown as Tree).keys()) expect(en.has(key), key).toBe(true);
  });

  for (const language of ['fr', 'de'] as const) {
    it(`${language}: every English key and no other, none empty, with the same placeholders`, () => {
      const other = bundle(language);
      expect([...en.keys()].filter((k) => !other.has(k)), 'missing').toEqual([]);
      // refusal.<code> and words.* translate English that is the server's and the engine's own (given as defaultValue, ui/format.ts): no English key.
      expect([...other.keys()].filter((k) => !en.has(k) && !/^(refusal|words)\./.test(k)), 'extra').toEqual([]);
      for (const [key, text] of other) {
        // Pieces around a word (…Before, …After) may be empty where the language's word order needs nothing there.
        if (!/(Before|After)$/.test(key)) expect(text.trim(), key).not.toBe('');
        if (en.has(key)) expect(placeholdersOf(text), key).toEqual(placeholdersOf(en.get(key)!));
      }
    });

    it(`${language}: the course page's words are translated`, () => {
      const english = flatten(COURSE.en as unknown as Tree);
      const translated = flatten(COURSE[language] as unknown as Tree);
      // Words that read the same in every language: the brand, a unit.
      const same = new Set(['course.kicker', 'course.minutes']);
      for (const [key, text] of english) if (!same.has(key) && text.length > 6) expect(translated.get(key), key).not.toBe(text);
    });
  }

  it('puts the colon after a label the language’s way', () => {
    expect(i18next.getFixedT('en')('punct.colon')).toBe(':');
    expect(i18next.getFixedT('de')('punct.colon')).toBe(':');
    expect(i18next.getFixedT('fr')('punct.colon')).toBe('\u202f:');
  });
});
