/** A problem found while loading a scenario, located in its source text. */
export interface Problem {
  severity: 'error' | 'warning';
  /** Stable machine code, e.g. "schema", "json-syntax", "unknown-team", "duplicate-id". */
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
  /** JSON pointer to the offending value, "" for the document. */
  pointer: string;
}

/** The one textual form every tool prints: file:line:column: message (at /json/pointer) */
export function formatProblem(problem: Problem): string {
  const level = problem.severity === 'warning' ? 'warning: ' : '';
  return `${problem.file}:${problem.line}:${problem.column}: ${level}${problem.message} (at ${problem.pointer || '/'})`;
}
