/**
 * Words kept to be shown later, worded in the language of the moment they
 * are shown. A notification stays on screen and in the list for hours: it
 * keeps the key of the interface's words and its values, not the sentence
 * made from them, so that a change of language rewrites it too. Values that
 * name the exercise's things (a round, a posture, a rung, a team, an action)
 * are worded from the view when shown. A plain string is a person's or the
 * scenario's own words and stays as it is.
 */
import type { ExerciseView } from '../../engine/view/types';
import { actionName, ladderLabel, postureWord, roundTitle, teamName } from './format';
import { t } from './i18n';

export interface Phrase {
  key: string;
  values?: Record<string, Value>;
}

export type Value =
  | string
  | number
  | Phrase
  | { round: number }
  | { posture: string; lower?: boolean }
  | { rung: number }
  | { team: string }
  | { action: string };

/** Several pieces follow one another, without a separator. */
export type Said = string | Phrase | Said[];

export const phrase = (key: string, values?: Record<string, Value>): Phrase => (values ? { key, values } : { key });

/** The words in the chosen language; `view` names the exercise's things (without it, their ids stand). */
export function say(said: Said, view: ExerciseView | null): string {
  if (typeof said === 'string') return said;
  if (Array.isArray(said)) return said.map((s) => say(s, view)).join('');
  const values = Object.fromEntries(Object.entries(said.values ?? {}).map(([name, value]) => [name, valueWords(value, view)]));
  return t(said.key, values);
}

function valueWords(value: Value, view: ExerciseView | null): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('key' in value) return say(value, view);
  if ('posture' in value) return value.lower ? postureWord(value.posture).toLowerCase() : postureWord(value.posture);
  if (!view) return String(Object.values(value)[0]);
  if ('round' in value) return roundTitle(view, value.round);
  if ('rung' in value) return ladderLabel(view, value.rung);
  if ('team' in value) return teamName(view, value.team);
  return actionName(view, value.action);
}
