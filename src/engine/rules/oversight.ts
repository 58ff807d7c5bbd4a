/**
 * Oversight at home: a parliamentary or judicial body reviews a government's
 * measures before they take effect (institutions.oversight). It sends back a
 * measure that offers a statement of reasons without giving one, and refuses
 * one whose evidence is too thin for it; otherwise it approves, and the
 * measure goes ahead. What it reviews is the scenario's to say: the
 * governments, the kinds of measure, and whether every such measure goes
 * before it or only those drafted with the oversight option.
 */
import type { Action, OversightBody, Scenario } from '../scenario/schema';
import type { ProcedureOptions } from '../types';
import { say } from '../messages';

export type OversightVerdict = { held: true; body: string; outcome: string } | { held: false; note: string };

/** The bodies that review this measure, in the scenario's order. */
export function reviewingBodies(scenario: Scenario, team: string, action: Action, options: ProcedureOptions): OversightBody[] {
  return (scenario.institutions?.oversight ?? []).filter(
    (body) => body.teams.includes(team) && body.categories.includes(action.category) && (body.mandatory || options.oversight === true),
  );
}

/**
 * What the reviewing bodies make of the measure; null when none reviews it.
 * `substantiation` is the decision's evidence component, as the scorer rates
 * the basis. The adjudication and the draft's preview both ask here.
 */
export function reviewByOversight(scenario: Scenario, team: string, action: Action, options: ProcedureOptions, substantiation: number): OversightVerdict | null {
  const bodies = reviewingBodies(scenario, team, action, options);
  if (bodies.length === 0) return null;
  for (const body of bodies) {
    if (action.procedures.includes('statementOfReasons') && !options.statementOfReasons) {
      return { held: true, body: body.id, outcome: say('oversight.sentBack', { body: body.name }) };
    }
    if (substantiation < body.refuseBelow) {
      return {
        held: true,
        body: body.id,
        outcome: say('oversight.refused', { body: body.name, rated: substantiation * 100, needs: body.refuseBelow * 100 }),
      };
    }
  }
  return { held: false, note: say('oversight.approved', { bodies: bodies.map((b) => b.name).join(' and the ') }) };
}
