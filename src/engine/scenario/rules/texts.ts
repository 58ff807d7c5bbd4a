/**
 * Texts that say nothing: a title, body or name of white space only passes
 * the schema's "not empty", and a blank entry in a list of questions or
 * authors shows as an empty line.
 */
import type { SemanticRule } from './context';
import { eachValue } from './walk';

/** Fields a reader sees, which the schema requires. */
const REQUIRED = new Set(['title', 'name', 'body', 'text', 'summary', 'briefing', 'citation', 'label', 'mediator', 'tribunal', 'pointsTo']);
/** Optional fields a reader sees: better left out than blank. */
const OPTIONAL = new Set(['prerequisiteText', 'news', 'facilitatorNotes', 'precedent', 'date', 'url']);
/** Lists of texts. */
const LISTS = new Set(['authors', 'discussionQuestions', 'watchFor', 'legalConstraints', 'tags']);

export const textsRule: SemanticRule = {
  id: 'texts',
  summary: 'No text a reader sees is blank: white space only in a title, body or name, or an empty entry in a list of texts.',
  codes: ['blank-text'],
  check(context) {
    eachValue(context.scenario, (value, path, key) => {
      if (typeof value !== 'string' || value.trim() !== '') return;
      // The schema refuses an empty required text, and an empty adversary briefing is its default, meaning none.
      if (value === '' && REQUIRED.has(key) && key !== 'label') return;
      const inList = typeof path[path.length - 1] === 'number';
      if (inList && LISTS.has(key)) context.error('blank-text', path, `a blank entry in "${key}": write it or remove it`);
      else if (!inList && REQUIRED.has(key)) context.error('blank-text', path, `"${key}" is blank, so there is nothing to read: write it`);
      else if (!inList && OPTIONAL.has(key)) context.error('blank-text', path, `"${key}" is blank, so there is nothing to read: write it or leave the field out`);
    });
  },
};
