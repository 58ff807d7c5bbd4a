/**
 * Loading a scenario: strict JSON, then the schema, then the semantic checks.
 * Every problem is reported at once, located by line and column in the
 * source text, so an author can fix a file in one pass. The files beside a
 * scenario (its course) are read the same way, as another DocumentKind.
 */
import { findNodeAtLocation, getLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { condition, effect, scenarioSchema, type Scenario } from './schema';
import type { Problem } from './problems';
import { checkScenario, closest, jsonPointer, type Locator, type Path, type PathSegment } from './semantic';
import { explainNumber, firstInvalidUtf8, scanStructure } from './text';

export type LoadResult =
  | { ok: true; scenario: Scenario; warnings: Problem[] }
  | { ok: false; problems: Problem[] }; // errors first, then warnings

/** Any JSON document Firebreak reads with located problems: its schema, and the checks that need the parsed value. */
export interface DocumentKind<T> {
  schema: z.ZodType<T>;
  check(value: T, file: string, locate: Locator): Problem[];
}

export type DocumentResult<T> = { ok: true; value: T; warnings: Problem[] } | { ok: false; problems: Problem[] };

const SCENARIO: DocumentKind<Scenario> = { schema: scenarioSchema as z.ZodType<Scenario>, check: checkScenario };

function asScenario(result: DocumentResult<Scenario>): LoadResult {
  return result.ok ? { ok: true, scenario: result.value, warnings: result.warnings } : result;
}

/** Deeper documents are refused before any recursive processing. */
const MAX_DEPTH = 64;

/** Loads a scenario from its JSON text; `file` only labels the problems. */
export function loadScenarioText(text: string, file: string): LoadResult {
  return asScenario(loadDocumentText(text, file, SCENARIO));
}

/** Loads any document kind from its JSON text, every problem located as for a scenario. */
export function loadDocumentText<T>(text: string, file: string, kind: DocumentKind<T>): DocumentResult<T> {
  try {
    return loadText(text, file, kind);
  } catch (err) {
    if (err instanceof RangeError) return fail([documentProblem(file, 'too-deep', 'the document is nested too deeply to read')]);
    throw err;
  }
}

/**
 * Loads a scenario from the bytes of its file: text that is not UTF-8 is
 * refused where its first bad byte stands, rather than read as replacement
 * characters that would turn up later as strange names.
 */
export function loadScenarioBytes(bytes: Uint8Array, file: string): LoadResult {
  return asScenario(loadDocumentBytes(bytes, file, SCENARIO));
}

/** As loadScenarioBytes, for any document kind. */
export function loadDocumentBytes<T>(bytes: Uint8Array, file: string, kind: DocumentKind<T>): DocumentResult<T> {
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return loadDocumentText(new TextDecoder('utf-8').decode(bytes), file, kind);
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad)).replace(/^\uFEFF/, '');
  const { line, column } = positionOf(lineStarts(before), before.length);
  const byte = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
  return fail([
    {
      severity: 'error',
      code: 'not-utf8',
      message: `the file is not valid UTF-8: byte 0x${byte} here is not part of a UTF-8 character (the file was probably saved as Latin-1 or Windows-1252); save it as UTF-8`,
      file,
      line,
      column,
      pointer: jsonPointer(getLocation(before, before.length).path),
    },
  ]);
}

/** Validates an already parsed value (no source text: every problem is located at 1:1). */
export function parseScenarioObject(value: unknown, file = '<scenario>'): LoadResult {
  try {
    return asScenario(validate(value, file, () => ({ line: 1, column: 1 }), [], SCENARIO));
  } catch (err) {
    if (err instanceof RangeError) return fail([documentProblem(file, 'too-deep', 'the document is nested too deeply to read')]);
    throw err;
  }
}

// ---------------------------------------------------------------------------
// Text and positions

function loadText<T>(text: string, file: string, kind: DocumentKind<T>): DocumentResult<T> {
  // A byte order mark is not JSON, but editors write one and do not count it as a column.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = lineStarts(source);
  const position = (offset: number) => positionOf(lines, offset);

  // Nesting is measured before parsing, which recurses: too deep is reported at the bracket where it happens.
  const structure = scanStructure(source, MAX_DEPTH + 1);
  if (structure.tooDeep !== undefined) {
    const where = position(structure.tooDeep);
    const pointer = jsonPointer(getLocation(source, structure.tooDeep).path);
    return fail([{ severity: 'error', code: 'too-deep', message: `the document is nested more than ${MAX_DEPTH} levels deep here`, file, ...where, pointer }]);
  }

  const syntax: ParseError[] = [];
  const root = parseTree(source, syntax, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (syntax.length > 0 || !root) {
    if (source.trim() === '') return fail([documentProblem(file, 'json-syntax', 'the file is empty: expected a JSON object')]);
    return fail(syntaxProblems(source, syntax, file, position, structure));
  }

  const locate: Locator = (path, at = 'value') => {
    let node: Node | undefined;
    for (let n = path.length; n >= 0 && !node; n--) {
      node = findNodeAtLocation(root, path.slice(0, n) as PathSegment[]);
      if (node && n === path.length && at === 'key' && node.parent?.type === 'property') {
        node = node.parent.children?.[0] ?? node;
      }
    }
    return position((node ?? root).offset);
  };

  const keyProblems: Problem[] = [];
  const value = valueOfNode(root, [], 0, (path, keyNode, message, code) => {
    const { line, column } = position(keyNode.offset);
    keyProblems.push({ severity: 'error', code, message, file, line, column, pointer: jsonPointer(path) });
  });
  if (keyProblems.some((p) => p.code === 'too-deep')) return fail(keyProblems);
  return validate(value, file, locate, keyProblems, kind);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

function positionOf(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a field name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":" after the field name',
  CommaExpected: 'expected "," between items',
  CloseBraceExpected: 'expected "}" to close the object',
  CloseBracketExpected: 'expected "]" to close the list',
  EndOfFileExpected: 'unexpected text after the end of the document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape in a string',
  InvalidEscapeCharacter: 'invalid escape character in a string',
  InvalidCharacter: 'control characters must be escaped in a string',
};

function syntaxProblems(
  text: string,
  errors: ParseError[],
  file: string,
  position: (offset: number) => { line: number; column: number },
  structure: ReturnType<typeof scanStructure>,
): Problem[] {
  const problems: Problem[] = [];
  // Past this point the file has stopped mid-way: an open string or the end of the text.
  const end = structure.openString ?? text.trimEnd().length;
  let truncated = false;
  // One mistake often makes the parser complain several times about the rest
  // of its line: report the first error of each line only.
  let lastLine = 0;
  for (const err of errors) {
    let offset = err.offset;
    let message: string;
    // Errors at the very end all say the same thing: the file stops before the document does.
    if (offset >= end && !truncated) {
      truncated = true;
      const truncation = truncationProblem(text, structure, file, position);
      if (truncation) {
        problems.push(truncation);
        continue;
      }
    } else if (offset >= end) continue;
    const number = explainNumber(text, offset);
    const next = text[offset];
    let before = offset - 1;
    while (before >= 0 && /\s/.test(text[before]!)) before--;
    if (number && ['CommaExpected', 'InvalidSymbol', 'UnexpectedEndOfNumber', 'ValueExpected'].includes(printParseErrorCode(err.error))) {
      offset = number.offset;
      message = number.message;
    } else if ((next === '}' || next === ']') && text[before] === ',') {
      offset = before;
      message = 'trailing comma: JSON does not allow a comma before "' + next + '"';
    } else {
      const name = printParseErrorCode(err.error);
      message = SYNTAX_MESSAGES[name] ?? 'invalid JSON';
      if (name === 'InvalidSymbol') {
        const token = text.slice(err.offset, err.offset + Math.min(Math.max(err.length, 1), 20));
        message = `unexpected "${token}"`;
        if (token.startsWith("'")) message += ': JSON strings and field names use double quotes';
        else if (/^(NaN|-?Infinity|undefined)$/.test(token)) message += ': JSON has no such value';
      }
    }
    const where = position(offset);
    if (where.line === lastLine) continue;
    lastLine = where.line;
    const pointer = jsonPointer(getLocation(text, offset).path);
    problems.push({ severity: 'error', code: 'json-syntax', message, file, ...where, pointer });
  }
  return sortProblems(problems);
}

/** "The file ends …", naming what is still open and where it opened. */
function truncationProblem(
  text: string,
  structure: ReturnType<typeof scanStructure>,
  file: string,
  position: (offset: number) => { line: number; column: number },
): Problem | null {
  const at = position(text.trimEnd().length);
  // getLocation ends the path with "" where a field name was expected next: point at the object.
  const path = getLocation(text, text.trimEnd().length).path;
  const pointer = jsonPointer(path[path.length - 1] === '' ? path.slice(0, -1) : path);
  const problem = (message: string): Problem => ({ severity: 'error', code: 'truncated', message, file, ...at, pointer });
  if (structure.openString !== undefined) {
    const opened = position(structure.openString);
    return problem(`the file ends inside a string that starts at line ${opened.line}, column ${opened.column}: it was cut short, or a closing quote is missing`);
  }
  const innermost = structure.open[structure.open.length - 1];
  if (!innermost) return null;
  const opened = position(innermost.offset);
  const what = innermost.char === '{' ? 'the object' : 'the list';
  const still = structure.open.length > 1 ? ` (${structure.open.length} objects and lists are still open)` : '';
  return problem(`the file ends before the document does: ${what} opened at line ${opened.line}, column ${opened.column} is never closed${still}; was the file cut short?`);
}

type KeyReporter = (path: Path, keyNode: Node, message: string, code: string) => void;

/**
 * The value of a parse tree. Objects get their fields as own properties (a
 * "__proto__" field stays an ordinary, and unknown, field). Repeated fields
 * and excessive nesting are reported.
 */
function valueOfNode(node: Node, path: PathSegment[], depth: number, report: KeyReporter): unknown {
  if (depth > MAX_DEPTH && (node.type === 'object' || node.type === 'array')) {
    report(path, node, `the document is nested more than ${MAX_DEPTH} levels deep`, 'too-deep');
    return null;
  }
  if (node.type === 'array') {
    return (node.children ?? []).map((child, i) => valueOfNode(child, [...path, i], depth + 1, report));
  }
  if (node.type === 'object') {
    const result: Record<string, unknown> = {};
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || !valueNode) continue;
      const key = String(keyNode.value);
      if (seen.has(key)) report([...path, key], keyNode, `field "${key}" appears more than once in this object`, 'duplicate-key');
      seen.add(key);
      Object.defineProperty(result, key, {
        value: valueOfNode(valueNode, [...path, key], depth + 1, report),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  }
  return node.value;
}

// ---------------------------------------------------------------------------
// Schema and semantic checks

function validate<T>(value: unknown, file: string, locate: Locator, earlier: Problem[], kind: DocumentKind<T>): DocumentResult<T> {
  const problems = [...earlier];
  const parsed = kind.schema.safeParse(withoutComments(value));
  if (!parsed.success) {
    const explain = new IssueExplainer(value, file, locate, kind.schema as unknown as SchemaNode);
    for (const issue of parsed.error.issues) explain.issue(issue, []);
    problems.push(...explain.problems);
    return fail(problems);
  }
  problems.push(...kind.check(parsed.data, file, locate));
  if (problems.some((p) => p.severity === 'error')) return fail(problems);
  return { ok: true, value: parsed.data, warnings: sortProblems(problems) };
}

/** Any object may carry a "$comment" note for authors (as in JSON Schema); it is ignored. */
export const COMMENT_KEY = '$comment';

function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (!isRecord(value)) return value;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // defineProperty keeps a "__proto__" field an ordinary (and so unknown) field.
    if (key !== COMMENT_KEY) Object.defineProperty(result, key, { value: withoutComments(value[key]), enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function fail(problems: Problem[]): { ok: false; problems: Problem[] } {
  const sorted = sortProblems(problems);
  return {
    ok: false,
    problems: [...sorted.filter((p) => p.severity === 'error'), ...sorted.filter((p) => p.severity !== 'error')],
  };
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => a.problem.line - b.problem.line || a.problem.column - b.problem.column || a.index - b.index)
    .map(({ problem }) => problem);
}

function documentProblem(file: string, code: string, message: string): Problem {
  return { severity: 'error', code, message, file, line: 1, column: 1, pointer: '' };
}

// ---------------------------------------------------------------------------
// Turning zod issues into sentences for an author

type Issue = z.core.$ZodIssue;

/** The few parts of zod's schema internals the explainer reads. */
interface SchemaNode {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, SchemaNode>;
      element?: SchemaNode;
      valueType?: SchemaNode;
      innerType?: SchemaNode;
      in?: SchemaNode;
      getter?: () => SchemaNode;
      options?: SchemaNode[];
      entries?: Record<string, string | number>;
      values?: unknown[];
    };
  };
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrap(schema: SchemaNode): SchemaNode {
  let current = schema;
  for (let guard = 0; guard < 32; guard++) {
    const def = current._zod.def;
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'lazy' && def.getter) current = def.getter();
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}

const CONDITION_UNION = unwrap(condition as unknown as SchemaNode);
const EFFECT_UNION = unwrap(effect as unknown as SchemaNode);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOwn(value: Record<string, unknown>, key: PropertyKey): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

function childOf(value: unknown, segment: PathSegment): unknown {
  if (Array.isArray(value) && typeof segment === 'number') return value[segment];
  if (isRecord(value) && hasOwn(value, segment)) return value[segment];
  return undefined;
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const segment of path) value = childOf(value, segment);
  return value;
}

/** The first field of each object option: what tells a condition or an effect apart. */
function discriminators(union: SchemaNode): string[] {
  return (union._zod.def.options ?? []).map((option) => Object.keys(unwrap(option)._zod.def.shape ?? {})[0] ?? '');
}

/** Which option of a union the author evidently meant, or -1. */
function chooseOption(union: SchemaNode, value: unknown): number {
  const options = (union._zod.def.options ?? []).map(unwrap);
  const fits = (option: SchemaNode): boolean => {
    const type = option._zod.def.type;
    if (isRecord(value)) return type === 'object' || type === 'record';
    if (Array.isArray(value)) return type === 'array';
    if (typeof value === 'string') return type === 'string' || type === 'enum' || type === 'literal';
    if (typeof value === 'number') return type === 'number' || type === 'literal';
    if (typeof value === 'boolean') return type === 'boolean' || type === 'literal';
    return false;
  };
  const candidates = options.map((option, index) => ({ option, index })).filter(({ option }) => fits(option));
  if (candidates.length === 1) return candidates[0]!.index;
  if (!isRecord(value) || candidates.length === 0) return -1;
  const keys = discriminators(union);
  const present = candidates.filter(({ index }) => keys[index] !== '' && hasOwn(value, keys[index]!));
  return present.length === 1 ? present[0]!.index : -1;
}

/** The schema at a path of the input, following the options the input chose. */
function schemaAt(schemaRoot: SchemaNode, root: unknown, path: Path): SchemaNode | undefined {
  let schema: SchemaNode | undefined = unwrap(schemaRoot);
  let value = root;
  for (const segment of path) {
    schema = resolveUnion(schema, value);
    if (!schema) return undefined;
    const def: SchemaNode['_zod']['def'] = schema._zod.def;
    if (def.type === 'object') schema = def.shape?.[String(segment)];
    else if (def.type === 'array') schema = def.element;
    else if (def.type === 'record') schema = def.valueType;
    else return undefined;
    if (!schema) return undefined;
    schema = unwrap(schema);
    value = childOf(value, segment);
  }
  return resolveUnion(schema, value);
}

function resolveUnion(schema: SchemaNode, value: unknown): SchemaNode | undefined {
  let current = schema;
  for (let guard = 0; guard < 8 && current._zod.def.type === 'union'; guard++) {
    const index = chooseOption(current, value);
    const option = index >= 0 ? current._zod.def.options?.[index] : undefined;
    if (!option) return undefined;
    current = unwrap(option);
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') return 'an object';
  return value === undefined ? 'nothing' : `a ${typeof value}`;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

function showValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

function describeOption(option: SchemaNode): string {
  const def = unwrap(option)._zod.def;
  if (def.type === 'literal') return (def.values ?? []).map(showValue).join(', ');
  if (def.type === 'enum') return Object.values(def.entries ?? {}).map(showValue).join(', ');
  if (def.type === 'object') {
    const first = Object.keys(def.shape ?? {})[0];
    return first ? `an object with "${first}"` : 'an object';
  }
  return EXPECTED[def.type] ?? def.type;
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

class IssueExplainer {
  readonly problems: Problem[] = [];

  constructor(
    private readonly input: unknown,
    private readonly file: string,
    private readonly locate: Locator,
    private readonly root: SchemaNode,
  ) {}

  private add(path: Path, message: string, at: 'value' | 'key' = 'value', locateAt: Path = path): void {
    const { line, column } = this.locate(locateAt, at);
    this.problems.push({ severity: 'error', code: 'schema', message, file: this.file, line, column, pointer: jsonPointer(path) });
  }

  issue(issue: Issue, base: Path): void {
    const path: Path = [...base, ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))];
    const value = valueAt(this.input, path);

    if (issue.code === 'unrecognized_keys') {
      const shape = schemaAt(this.root, this.input, path)?._zod.def.shape;
      const allowed = shape ? Object.keys(shape) : [];
      for (const key of issue.keys) {
        const hint = closest(key, allowed);
        this.add([...path, key], `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`, 'key');
      }
      return;
    }

    // A required field that is absent, whatever the schema would have wanted there.
    if (path.length > 0) {
      const parentPath = path.slice(0, -1);
      const parent = valueAt(this.input, parentPath);
      const key = path[path.length - 1]!;
      if (isRecord(parent) && !hasOwn(parent, key)) {
        this.add(path, `missing required field "${String(key)}"`, 'value', parentPath);
        return;
      }
    }

    // zod reports a union through its one branch of the right type; speak of the whole union.
    if ((issue.code === 'invalid_value' || issue.code === 'invalid_type') && this.unionAt(path)) {
      this.union({ code: 'invalid_union', errors: [], path: issue.path, message: issue.message }, path, value);
      return;
    }

    switch (issue.code) {
      case 'invalid_union':
        this.union(issue, path, value);
        return;
      case 'invalid_type': {
        const expected = EXPECTED[issue.expected] ?? issue.expected;
        const got = issue.expected === 'int' && typeof value === 'number' && Number.isFinite(value) ? String(value) : describeValue(value);
        this.add(path, `expected ${expected}, got ${got}`);
        return;
      }
      case 'invalid_value': {
        const values = issue.values.map(showValue);
        this.add(path, values.length === 1 ? `must be ${values[0]}` : `must be one of ${values.join(', ')}`);
        return;
      }
      case 'too_small': {
        const min = Number(issue.minimum);
        if (issue.origin === 'array') this.add(path, min === 1 ? 'must not be empty' : `must have at least ${min} items`);
        else if (issue.origin === 'string') this.add(path, min === 1 ? 'must not be empty' : `must be at least ${min} characters long`);
        else this.add(path, `must be ${issue.inclusive ? 'at least' : 'greater than'} ${min}, got ${showValue(value)}${this.rangeNote(path, value)}`);
        return;
      }
      case 'too_big': {
        const max = Number(issue.maximum);
        if (issue.origin === 'array') this.add(path, `must have at most ${max} items`);
        else if (issue.origin === 'string') this.add(path, `must be at most ${max} characters long`);
        else this.add(path, `must be ${issue.inclusive ? 'at most' : 'less than'} ${max}, got ${showValue(value)}${this.rangeNote(path, value)}`);
        return;
      }
      case 'invalid_format': {
        const custom = issue.format === 'regex' && !issue.message.startsWith('Invalid');
        this.add(path, custom ? `invalid ${JSON.stringify(value)}: ${issue.message}` : `must match ${issue.pattern ?? `the ${issue.format} format`}`);
        return;
      }
      case 'not_multiple_of':
        this.add(path, `must be a multiple of ${issue.divisor}`);
        return;
      default:
        this.add(path, issue.message);
    }
  }

  /**
   * For a number bounded on both sides, its whole range; for a share or
   * chance (0 to 1) written as a whole percentage, the fraction meant.
   */
  private rangeNote(path: Path, value: unknown): string {
    const node = schemaAt(this.root, this.input, path) as { minValue?: number | null; maxValue?: number | null } | undefined;
    const min = node?.minValue;
    const max = node?.maxValue;
    if (typeof min !== 'number' || typeof max !== 'number' || !Number.isFinite(min) || !Number.isFinite(max)) return '';
    const percentage = min === 0 && max === 1 && typeof value === 'number' && Number.isInteger(value) && value > 1 && value <= 100;
    return `: it runs from ${min} to ${max}${percentage ? `; for ${value} % write ${value / 100}` : ''}`;
  }

  private union(issue: Extract<Issue, { code: 'invalid_union' }>, path: Path, value: unknown): void {
    const union = this.unionAt(path);
    const options = union?._zod.def.options ?? [];
    const index = union ? chooseOption(union, value) : -1;
    const branch = index >= 0 ? issue.errors[index] : undefined;
    if (branch && branch.length > 0) {
      for (const inner of branch) this.issue(inner, path);
      return;
    }
    const what = union === CONDITION_UNION ? 'condition' : union === EFFECT_UNION ? 'effect' : undefined;
    if (what && union) {
      const keys = discriminators(union);
      const expected = `expected one of ${keys.join(', ')}`;
      if (!isRecord(value)) {
        this.add(path, `not a valid ${what}: expected an object with one of ${keys.join(', ')}, got ${describeValue(value)}`);
        return;
      }
      const present = keys.filter((key) => hasOwn(value, key));
      if (present.length > 1) {
        this.add(path, `not a valid ${what}: it has ${present.map((k) => `"${k}"`).join(' and ')}; use exactly one of ${keys.join(', ')}`);
        return;
      }
      const hints = Object.keys(value)
        .map((key) => [key, closest(key, keys)] as const)
        .filter(([, hint]) => hint !== undefined);
      const hint = hints.length > 0 ? ` (did you mean "${hints[0]![1]}" instead of "${hints[0]![0]}"?)` : '';
      this.add(path, `not a valid ${what}: ${expected}${hint}`);
      return;
    }
    if (options.length > 0) {
      this.add(path, `must be ${orList(options.map(describeOption))}, got ${describeValue(value)}`);
      return;
    }
    this.add(path, 'does not match any of the allowed forms');
  }

  private unionAt(path: Path): SchemaNode | undefined {
    // Walk to the parent, then take the field's schema without resolving the union itself.
    if (path.length === 0) return undefined;
    const parent = schemaAt(this.root, this.input, path.slice(0, -1));
    if (!parent) return undefined;
    const def = parent._zod.def;
    const segment = path[path.length - 1]!;
    const field =
      def.type === 'object' ? def.shape?.[String(segment)] : def.type === 'array' ? def.element : def.type === 'record' ? def.valueType : undefined;
    if (!field) return undefined;
    const schema = unwrap(field);
    return schema._zod.def.type === 'union' ? schema : undefined;
  }
}

/** Locates JSON paths in a scenario's source text, for problems found after loading (e.g. by playtests). */
export function sourceLocator(text: string): Locator {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = lineStarts(source);
  const root = parseTree(source, [], { disallowComments: true, allowTrailingComma: false });
  return (path) => {
    let node: Node | undefined;
    for (let n = path.length; root && n >= 0 && !node; n--) node = findNodeAtLocation(root, path.slice(0, n) as PathSegment[]);
    return positionOf(lines, node?.offset ?? 0);
  };
}
