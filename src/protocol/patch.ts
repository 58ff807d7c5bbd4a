/**
 * Views as patches. After a full view (in the seat:join and seat:resume
 * answers), a seat receives `view:patch` messages: standard RFC 6902 JSON
 * Patch operations that turn the view it holds (at seq `from`) into the next
 * one (at seq `to`). The server diffs with fast-json-patch's compare; clients
 * apply with its applyPatch. Shared by the browser client, the test client and
 * the benchmark, so every client follows the same rule.
 */
import jsonpatch, { type Operation } from 'fast-json-patch';
import type { ExerciseView } from '../engine/view/types';

export type PatchOperation = Operation;

export interface ViewPatch {
  /** The seq of the view this patch applies to. */
  from: number;
  /** The seq of the view it produces (equal to `from` when only the scenario changed, as in an author's edit). */
  to: number;
  /** RFC 6902 operations, applied in order. */
  ops: PatchOperation[];
}

/** The operations that turn one view into another (empty when they are equal). */
export function diffViews(previous: ExerciseView, next: ExerciseView): PatchOperation[] {
  return jsonpatch.compare(previous, next);
}

export type PatchResult =
  | { kind: 'applied'; view: ExerciseView }
  /** A patch for a view older than the one held: ignore it. */
  | { kind: 'stale' }
  /** The patch does not follow the view held (a missed or reordered message): ask for a full view with seat:resume. */
  | { kind: 'gap' };

/**
 * Applies a patch to the view held, without changing it. A patch applies only
 * to the view at its `from` seq; a failing operation counts as a gap, so the
 * client resynchronises rather than show a view the server never sent.
 */
export function applyViewPatch(held: ExerciseView | null, patch: ViewPatch): PatchResult {
  if (held && patch.from === held.seq) {
    try {
      const copy = structuredClone(held);
      return { kind: 'applied', view: jsonpatch.applyPatch(copy, patch.ops, true, true).newDocument };
    } catch {
      return { kind: 'gap' };
    }
  }
  if (held && patch.to <= held.seq) return { kind: 'stale' };
  return { kind: 'gap' };
}

/** Patches kept while a full view is awaited; beyond this the oldest are dropped (the full view supersedes them). */
const MAX_BUFFERED = 256;

/**
 * A client's copy of its seat's view, following the server's patches. Give
 * it every full view (join and resume answers) and every `view:patch`; when a
 * patch does not follow the view held, it calls `resync` (send seat:resume,
 * then pass the answer's view to `full`). Patches that arrive while a full
 * view is awaited are kept and applied after it, as far as they follow it.
 */
export class ViewFollower {
  view: ExerciseView | null = null;
  private awaitingFull = true;
  private buffered: ViewPatch[] = [];

  constructor(private readonly resync: () => void) {}

  /** A full view is on its way (a join or resume was sent): keep patches until it arrives. */
  expectFull(): void {
    this.awaitingFull = true;
  }

  /** A full view from the server. Returns the view held afterwards. */
  full(view: ExerciseView): ExerciseView {
    this.view = view;
    this.awaitingFull = false;
    const buffered = this.buffered;
    this.buffered = [];
    for (const patch of buffered) this.patch(patch);
    return this.view;
  }

  /** A patch from the server. Returns true when the view held changed. */
  patch(patch: ViewPatch): boolean {
    if (this.awaitingFull) {
      this.buffered.push(patch);
      if (this.buffered.length > MAX_BUFFERED) this.buffered.shift();
      return false;
    }
    const result = applyViewPatch(this.view, patch);
    if (result.kind === 'applied') {
      this.view = result.view;
      return true;
    }
    if (result.kind === 'gap') {
      this.awaitingFull = true;
      this.resync();
    }
    return false;
  }
}
