/**
 * The history policy: each government sends, round by round, what it really
 * did according to the scenario's history track. It answers allies'
 * proposals as the record says and otherwise stays out of them.
 */
import { historyStepsOf, type HistoryStep, type HistoryTrack } from '../scenario/history';
import type { CommandBody } from '../types';
import type { BotPolicy } from './policies';

function commandOf(step: HistoryStep, openProposal: string | undefined): CommandBody {
  if (step.do === 'share') return { type: 'shareIntel', incident: step.incident!, with: 'coalition' };
  if (step.do === 'join' && openProposal) return { type: 'respondJoint', proposal: openProposal, join: true, rationale: step.what };
  const draft = { action: step.action!, ...(step.incident ? { incident: step.incident } : {}), options: step.options, rationale: step.what };
  return step.do === 'draft' ? { type: 'draftDecision', draft } : { type: 'proposeJoint', draft };
}

export function historyPolicy(track: HistoryTrack): BotPolicy {
  return {
    id: 'history',
    description: 'What the governments really did, step by step from the scenario\'s history track.',
    plan({ state, team }) {
      const commands: CommandBody[] = [];
      for (const step of historyStepsOf(track, state.round, team)) {
        const open = Object.values(state.proposals).find(
          (p) => p.round === state.round && p.by !== team && p.action === step.action && (p.incident ?? undefined) === step.incident && !p.responses[team],
        );
        // A join whose proposal comes later in the round is answered when the driver asks (join below).
        if (step.do !== 'join' || open) commands.push(commandOf(step, open?.id));
      }
      return commands;
    },
    join({ state, team }, proposal) {
      return historyStepsOf(track, state.round, team).some(
        (s) => s.do === 'join' && s.action === proposal.action && (proposal.incident ?? undefined) === s.incident,
      );
    },
  };
}
