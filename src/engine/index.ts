/**
 * The engine's public surface. Server, client and CLI import from here only.
 *
 *   loadScenarioText(text, file)       -> every problem at once, or a Scenario
 *   createExercise(scenario, seed)     -> the initial ExerciseState
 *   applyCommand(scenario, state, cmd) -> accepted with the next state, or rejected with a code and a sentence
 *   project(scenario, state, viewer)   -> the one filter: what this viewer may see
 *   stateHash(state)                   -> a stable hash of the whole state
 *   foldLog(scenario, start, records)  -> the state a stored log leads to, with its mismatches
 *   replay(scenario, seed, commands)   -> the state an exported log leads to
 */
export * from './types';
export * from './view/types';
export * from './scenario/schema';
export * from './scenario/problems';
export { loadScenarioText, parseScenarioObject } from './scenario/load';
export { isScenarioFileName, historyFileName, parseHistory } from './scenario/history';
export type { HistoryTrack, HistoryProblem } from './scenario/history';
export type { LoadResult } from './scenario/load';
export { createExercise } from './rules/create';
export { AFTER_THE_END, applyCommand } from './rules/apply';
export { checkDeliberation } from './rules/decisions';
export { COMMAND_ROLES, roleRefusal, type CommandRole } from './rules/permissions';
export { project } from './view/project';
export { stateHash, canonicalJson } from './hash';
export { foldLog, replay } from './replay';
export { previewDecision } from './scoring/decision';
export type { FoldOptions, FoldResult, ReplayMismatch, ReplayRecord, ReplayResult, ReplayStart } from './replay';
