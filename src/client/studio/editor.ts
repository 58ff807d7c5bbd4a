/**
 * The studio's editor: CodeMirror 6 with JSON, completion and hover
 * documentation from the document's published schema (codemirror-json-schema:
 * the scenario's or the course's), and a linter that runs Firebreak's own
 * validator on every pause in typing: the same problems, messages and hints
 * as `firebreak validate`.
 *
 * The editor lives in a shadow root: there CodeMirror adopts its styles as
 * constructable stylesheets, which the Content-Security-Policy (style-src
 * 'self', no nonce) allows; in the document itself it would add a <style>
 * element, which the policy blocks.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json, jsonLanguage } from '@codemirror/lang-json';
import { bracketMatching, defaultHighlightStyle, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { forceLinting, linter, lintGutter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { searchKeymap } from '@codemirror/search';
import { EditorSelection, EditorState, type Text } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, hoverTooltip, keymap, lineNumbers } from '@codemirror/view';
import { disableErrorLogging } from 'best-effort-json-parser';
import { jsonCompletion, JSONHover, jsonSchemaHover, stateExtensions } from 'codemirror-json-schema';
import type { Problem } from '../../engine/scenario/problems';

// The completion reads half-typed JSON with best-effort-json-parser, which
// otherwise reports every unfinished entry on the console as an error.
disableErrorLogging();

/** Where a problem points: its line and column, clamped to the text. */
export function offsetOf(doc: Text, line: number, column: number): number {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(l.from + Math.max(0, column - 1), l.to);
}

/** The extent to underline from a problem's position: a string, or a word, or one character. */
function tokenEnd(doc: Text, from: number): number {
  const line = doc.lineAt(from);
  const rest = line.text.slice(from - line.from);
  const match = /^"(?:[^"\\]|\\.)*"|^[\w.+-]+/.exec(rest);
  return Math.min(line.to, from + Math.max(1, match?.[0].length ?? 1));
}

export function diagnosticsOf(doc: Text, problems: Problem[]): Diagnostic[] {
  return problems.map((p) => {
    const from = offsetOf(doc, p.line, p.column);
    return { from, to: tokenEnd(doc, from), severity: p.severity, message: p.message, source: p.pointer ? `at ${p.pointer}` : undefined };
  });
}

type HoverTextsOf = NonNullable<NonNullable<Parameters<typeof jsonSchemaHover>[0]>['getHoverTexts']>;

/**
 * The library's hover texts, with its type line made readable: it runs the
 * type and a `pattern` or `format` together ("stringpattern: ^[a-z]...").
 * The hover passes its schema draft too, which unions need to name their types.
 */
const hoverTexts = (data: Parameters<HoverTextsOf>[0], draft?: Parameters<JSONHover['getHoverTexts']>[1]): ReturnType<HoverTextsOf> => {
  const texts = JSONHover.prototype.getHoverTexts.call(undefined, data, draft!);
  return { ...texts, typeInfo: texts.typeInfo.replace(/(\S)(`(?:format|pattern)`)/g, '$1 · $2') };
};

/** What the validator made of a text: its errors when it is refused, else its warnings. */
export interface Checked {
  ok: boolean;
  problems: Problem[];
}

/** What the editor edits: the schema that drives completion and hover, and the validator the linter runs. */
export interface DocumentSpec {
  /** The editor's accessible name, e.g. "Scenario JSON". */
  label: string;
  schema: Record<string, unknown>;
  check(text: string): Checked;
}

export interface EditorHooks {
  /** Every validation of the text, as the linter runs it. */
  onValidated(result: Checked, text: string): void;
  onChange(text: string): void;
  onCursor(offset: number): void;
}

/** The editor's own look, in its shadow root; the app's CSS variables still reach it. */
const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '0.95rem', background: '#fff', color: 'var(--ink)' },
  '.cm-scroller': { fontFamily: 'var(--mono)' },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '-3px' },
  '.cm-tooltip': { maxWidth: '36rem', fontFamily: 'var(--font)' },
});

/**
 * One document's editor state: its text, undo history, schema and linter.
 * The studio keeps one per document and shows one at a time in a single view
 * (EditorView.setState), so each keeps its history across switches.
 */
export function documentState(text: string, spec: DocumentSpec, hooks: EditorHooks): EditorState {
  const validate = linter(
    (view) => {
      const current = view.state.doc.toString();
      const result = spec.check(current);
      hooks.onValidated(result, current);
      return diagnosticsOf(view.state.doc, result.problems);
    },
    { delay: 400 },
  );
  const schema = spec.schema as Parameters<typeof stateExtensions>[0];
  return EditorState.create({
    doc: text,
    extensions: [
      theme,
      lineNumbers(),
      highlightActiveLineGutter(),
      foldGutter(),
      drawSelection(),
      history(),
      indentOnInput(),
      bracketMatching(),
      closeBrackets(),
      highlightActiveLine(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      autocompletion(),
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
      json(),
      jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
      hoverTooltip(jsonSchemaHover({ getHoverTexts: hoverTexts })),
      stateExtensions(schema),
      validate,
      lintGutter(),
      EditorView.contentAttributes.of({ 'aria-label': spec.label }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) hooks.onChange(update.state.doc.toString());
        if (update.selectionSet || update.docChanged) hooks.onCursor(update.state.selection.main.head);
      }),
    ],
  });
}

export function createEditor(host: HTMLElement, state: EditorState): EditorView {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const view = new EditorView({ parent: root, root, state });
  // Long lines scroll sideways inside the editor: its scrolling box takes the keyboard's focus too, so that it can be scrolled without a mouse.
  view.scrollDOM.tabIndex = 0;
  return view;
}

/** Puts the cursor at a line and column (or an offset) and brings it into view. */
export function jumpTo(view: EditorView, at: { line: number; column: number } | number): void {
  const offset = typeof at === 'number' ? at : offsetOf(view.state.doc, at.line, at.column);
  view.dispatch({ selection: EditorSelection.cursor(offset), effects: EditorView.scrollIntoView(offset, { y: 'center' }) });
  view.focus();
}

export function replaceText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

/** Runs the validator again now: for a document checked against another that has changed. */
export function recheck(view: EditorView): void {
  forceLinting(view);
}
