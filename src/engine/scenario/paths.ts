/**
 * Paths inside a scenario document and what every check needs to speak of
 * them: JSON pointers, a locator from a path to a line and column of the
 * source, and the "did you mean" distance.
 */
export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface SourceLocation {
  line: number;
  column: number;
}

/**
 * Finds a path in the source. `at: 'key'` asks for the property name rather
 * than its value. A path that does not exist in the source resolves to its
 * nearest existing ancestor (for values the schema filled in by default).
 */
export type Locator = (path: Path, at?: 'value' | 'key') => SourceLocation;

/** RFC 6901: "" for the document, "/a/0/b" below it, with ~ and / escaped. */
export function jsonPointer(path: Path): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The closest candidate when it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor(word.length / 3));
  return bestDistance <= allowed ? best : undefined;
}
