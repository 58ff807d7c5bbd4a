/**
 * The outline of a draft, read from its text as it is (even mid-edit, with
 * jsonc-parser's tolerant parse): rounds, injects by round, actions by
 * category and the escalation ladder, each with the span of text it covers,
 * so that the outline can follow the cursor and jump to an entry.
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';

export interface OutlineEntry {
  label: string;
  /** Where the entry's object starts and ends in the text. */
  from: number;
  to: number;
}

/** The outline's own words, as a key the studio words in the chosen language (ui/i18n-studio.ts); a string is the author's own words. */
export type OutlineTitle = string | { key: 'rounds' | 'injects' | 'actions' | 'ladder' | 'round' | 'when' | 'unscheduled' | 'noCategory'; round?: number };

export interface OutlineGroup {
  title: OutlineTitle;
  entries: OutlineEntry[];
}

export interface OutlineSection {
  title: OutlineTitle;
  groups: OutlineGroup[];
}

function valueOf(node: Node | undefined, key: string): unknown {
  const child = node ? findNodeAtLocation(node, [key]) : undefined;
  return child?.value;
}

function elements(root: Node, path: (string | number)[]): Node[] {
  const node = findNodeAtLocation(root, path);
  return node?.type === 'array' ? (node.children ?? []) : [];
}

const entry = (node: Node, label: string): OutlineEntry => ({ label, from: node.offset, to: node.offset + node.length });

/** Groups entries under titles, in the order the titles first appear (or the order given). */
function grouped(items: { group: string; entry: OutlineEntry }[], order?: (a: string, b: string) => number, title: (group: string) => OutlineTitle = (g) => g): OutlineGroup[] {
  const groups = new Map<string, OutlineEntry[]>();
  for (const item of items) groups.set(item.group, [...(groups.get(item.group) ?? []), item.entry]);
  const titles = [...groups.keys()];
  if (order) titles.sort(order);
  return titles.map((group) => ({ title: title(group), entries: groups.get(group)! }));
}

/** An inject group's title: "Round 3", "When a condition holds" or "Unscheduled". */
const injectGroupTitle = (group: string): OutlineTitle =>
  group.startsWith('round ') ? { key: 'round', round: Number(group.split(' ')[1]) } : { key: group === 'when' ? 'when' : 'unscheduled' };

/** `untitled` names the rounds and injects that have no title (and injects no id), in the reader's language. */
export function outlineOf(text: string, untitled = 'untitled'): OutlineSection[] {
  const root = parseTree(text);
  if (!root || root.type !== 'object') return [];
  const rounds = elements(root, ['rounds']).map((node, i) => entry(node, `${i + 1}. ${String(valueOf(node, 'title') ?? untitled)}`));
  const injects = elements(root, ['injects']).map((node) => {
    const round = valueOf(node, 'round');
    const group = typeof round === 'number' ? `round ${round}` : valueOf(node, 'when') !== undefined ? 'when' : 'unscheduled';
    return { group, entry: entry(node, String(valueOf(node, 'title') ?? valueOf(node, 'id') ?? untitled)) };
  });
  const byRoundFirst = (a: string, b: string) => (Number(a.split(' ')[1]) || 1e9) - (Number(b.split(' ')[1]) || 1e9) || a.localeCompare(b);
  const actions = elements(root, ['actions']).map((node) => ({
    group: String(valueOf(node, 'category') ?? ''),
    entry: entry(node, String(valueOf(node, 'name') ?? valueOf(node, 'id') ?? 'unnamed')),
  }));
  const ladder = elements(root, ['escalation', 'ladder']).map((node) => entry(node, `${String(valueOf(node, 'level') ?? '?')}: ${String(valueOf(node, 'label') ?? '')}`));
  return [
    { title: { key: 'rounds' }, groups: rounds.length ? [{ title: '', entries: rounds }] : [] },
    { title: { key: 'injects' }, groups: grouped(injects, byRoundFirst, injectGroupTitle) },
    { title: { key: 'actions' }, groups: grouped(actions, undefined, (g) => g || { key: 'noCategory' }) },
    { title: { key: 'ladder' }, groups: ladder.length ? [{ title: '', entries: ladder }] : [] },
  ];
}

/** The entry the cursor is in, if any. */
export function entryAt(sections: OutlineSection[], offset: number): OutlineEntry | null {
  for (const section of sections) {
    for (const group of section.groups) {
      for (const e of group.entries) if (offset >= e.from && offset <= e.to) return e;
    }
  }
  return null;
}
