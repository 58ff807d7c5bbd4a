/**
 * A starter course for a scenario: the shape of a course file filled in from
 * the scenario itself (its rounds, objectives and sources), which validates
 * as written and which the author then rewrites in their own words. Both
 * class formats the shipped courses use are laid out, with every round
 * played once, in order, and the parts adding up to the session.
 */
import type { Scenario } from '../scenario/schema';
import { COURSE_FORMAT_VERSION, COURSE_SCHEMA_FILE, type Course, type CourseFormat } from './schema';

type Segment = CourseFormat['segments'][number];

interface FormatPlan {
  id: string;
  title: string;
  minutes: number;
  summary: string;
  before: Segment[];
  after: Segment[];
}

const CLASS_50: FormatPlan = {
  id: 'class-50',
  title: '50-minute class',
  minutes: 50,
  summary: 'The whole exercise in one class period, with short rounds and a short debrief.',
  before: [{ minutes: 5, title: 'Seats and briefing', activity: "Participants join with their team's code and read their briefing.", rounds: [] }],
  after: [{ minutes: 10, title: 'Debrief', activity: "Show each team its report card and the debrief's notes; set the post-exercise prompts.", rounds: [] }],
};

const EXERCISE_150: FormatPlan = {
  id: 'exercise-150',
  title: '2.5-hour exercise',
  minutes: 150,
  summary: 'A seminar on the readings, the exercise at its own pace with discussion after each round, and a full debrief.',
  before: [
    { minutes: 20, title: 'Seminar', activity: 'Discuss the pre-exercise prompts and the essential readings.', rounds: [] },
    { minutes: 10, title: 'Seats and briefing', activity: "Participants join with their team's code and read their briefing.", rounds: [] },
  ],
  after: [
    {
      minutes: 25,
      title: 'Debrief',
      activity: "Go through the report cards, the escalation and score charts and the debrief's notes round by round; set the post-exercise prompts.",
      rounds: [],
    },
  ],
};

/** Splits `total` whole minutes over `count` parts as evenly as it goes; the first parts take the remainder. */
function share(total: number, count: number): number[] {
  const base = Math.floor(total / count);
  return Array.from({ length: count }, (_, i) => base + (i < total % count ? 1 : 0));
}

function roundSegments(scenario: Scenario, minutes: number): Segment[] {
  const split = share(minutes, scenario.rounds.length);
  return scenario.rounds.map((round, i) => ({
    minutes: split[i]!,
    title: `Round ${i + 1}: ${round.title}`,
    activity: "Read the round's public injects aloud, let the teams deliberate and lock, then read the results.",
    rounds: [i + 1],
    // Three quarters of the part for deliberation leaves time to read the results.
    ...(split[i]! >= 2 ? { clock: Math.floor(split[i]! * 0.75) } : {}),
  }));
}

function formatFor(scenario: Scenario, plan: FormatPlan): CourseFormat {
  const fixed = [...plan.before, ...plan.after].reduce((sum, s) => sum + s.minutes, 0);
  return {
    id: plan.id,
    title: plan.title,
    minutes: plan.minutes,
    summary: plan.summary,
    segments: [...plan.before, ...roundSegments(scenario, plan.minutes - fixed), ...plan.after],
  };
}

export function starterCourse(scenario: Scenario): Course {
  const objectives = scenario.meta.learningObjectives;
  const everyObjective = objectives.map((o) => o.id);
  return {
    $schema: `./${COURSE_SCHEMA_FILE}`,
    formatVersion: COURSE_FORMAT_VERSION,
    scenario: scenario.id,
    title: `${scenario.meta.title}: course materials`,
    audience: 'Who the course is for, and what participants should know beforehand.',
    overview: scenario.meta.summary,
    preparation: [
      "Open the exercise from the start page ahead of the session and hand out one join code per team.",
      'Assign the essential readings and the pre-exercise prompts one session ahead.',
    ],
    formats: [formatFor(scenario, CLASS_50), formatFor(scenario, EXERCISE_150)],
    readings: {
      primary: [
        { text: 'ilc-articles', why: 'The law of countermeasures: what a response to a wrongful act may do, and its limits.', essential: true },
        { text: 'tallinn-2', why: 'How the experts apply that law to cyber operations.', essential: false },
      ],
      scenario: scenario.meta.sources.slice(0, 3).map((source) => ({ source: source.id, why: 'Why this source matters for the scenario.', essential: false })),
    },
    prompts: {
      before: [{ text: 'Which of the learning objectives do you expect to be hardest for your team, and why?', objectives: everyObjective }],
      after: objectives.map((o) => ({
        text: `${o.text} Name one decision of your team's that shows it, or falls short of it, and say why.`,
        objectives: [o.id],
      })),
    },
    rubric: objectives.map((o) => ({ objective: o.id, lookFor: [`In play and in the debrief: ${o.text}`] })),
  };
}

/** The starter course as a file's text, as the CLI writes it and the studio opens it. */
export function starterCourseText(scenario: Scenario): string {
  return `${JSON.stringify(starterCourse(scenario), null, 2)}\n`;
}
