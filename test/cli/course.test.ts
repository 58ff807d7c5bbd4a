/** firebreak validate checks the course beside a scenario, and firebreak schema --course publishes the course format. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CLI_TEST_TIMEOUT, cli } from '../helpers/cli';
import { COURSE_SCHEMA_FILE, COURSE_SCHEMA_ID } from '../../src/engine/course';
import { courseSchemaText } from '../../src/cli/commands/schema';

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT });

describe('course files on the command line', () => {
  it('validate reports a course beside the scenario: ok, or every problem located, exit 1', () => {
    expect(cli('validate', 'scenarios/tutorial.json', '--runs', '0')).toEqual({ code: 0, out: 'scenarios/tutorial.json: ok (0 warnings, history track ok, course ok)\n' });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'firebreak-course-'));
    fs.copyFileSync('scenarios/tutorial.json', path.join(dir, 'tutorial.json'));
    const text = fs.readFileSync('scenarios/tutorial.course.json', 'utf8').replace('"objective": "together"', '"objective": "togther"');
    fs.writeFileSync(path.join(dir, 'tutorial.course.json'), text);
    const line = text.split('\n').findIndex((l) => l.includes('"togther"')) + 1;
    const rubric = text.split('\n').findIndex((l) => l.includes('"rubric": [')) + 1;
    const course = path.join(dir, 'tutorial.course.json');
    expect(cli('validate', path.join(dir, 'tutorial.json'), '--runs', '0')).toEqual({
      code: 1,
      out:
        `${course}:${line}:20: unknown learning objective "togther" (known: interface, confidence, proportionality, together) (at /rubric/3/objective)\n` +
        `${course}:${rubric}:13: warning: the rubric leaves out learning objective "together": the page shows its report-card levels with nothing to look for (at /rubric)\n` +
        `${path.join(dir, 'tutorial.json')}: ok (0 warnings, course invalid)\n`,
    });
  });

  it('validate given a course file checks it with the scenario beside it', () => {
    expect(cli('validate', 'scenarios/us-2016.course.json', '--runs', '0')).toEqual({
      code: 0,
      out: 'scenarios/us-2016.course.json: checked with its scenario, scenarios/us-2016.json\nscenarios/us-2016.json: ok (0 warnings, history track ok, course ok)\n',
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'firebreak-course-alone-'));
    const alone = path.join(dir, 'mine.course.json');
    fs.copyFileSync('scenarios/tutorial.course.json', alone);
    expect(cli('validate', alone)).toEqual({
      code: 2,
      out: `${alone}: a course file is checked against its scenario, and ${path.join(dir, 'mine.json')} is not there: run firebreak validate on the scenario\n`,
    });
  });

  it('schema --course prints the course format, and writes a copy beside an author\'s files', () => {
    expect(JSON.parse(cli('schema', '--course').out).$id).toBe(COURSE_SCHEMA_ID);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'firebreak-course-schema-'));
    const copy = path.join(dir, COURSE_SCHEMA_FILE);
    expect(cli('schema', '--course', '--write', dir)).toEqual({ code: 0, out: `wrote ${copy}\n` });
    expect(fs.readFileSync(copy, 'utf8')).toBe(courseSchemaText());
    expect(fs.readFileSync(`scenarios/${COURSE_SCHEMA_FILE}`, 'utf8')).toBe(courseSchemaText());
  });

  it('new --course writes a starter course beside a scenario that validates with it, and will not overwrite one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'firebreak-course-new-'));
    const scenario = path.join(dir, 'mine.json');
    expect(cli('new', scenario).code).toBe(0);
    const run = cli('new', scenario, '--course');
    const course = path.join(dir, 'mine.course.json');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`wrote ${course}`);
    expect(fs.existsSync(path.join(dir, COURSE_SCHEMA_FILE))).toBe(true);
    expect(cli('validate', scenario, '--runs', '0')).toEqual({ code: 0, out: `${scenario}: ok (0 warnings, course ok)\n` });
    expect(cli('new', scenario, '--course')).toEqual({ code: 2, out: `${course} already exists; pass --force to overwrite it\n` });
    expect(cli('new', scenario, '--course', '--force', '--no-schema-copy').code).toBe(0);
    expect(JSON.parse(fs.readFileSync(course, 'utf8')).$schema).toBe(COURSE_SCHEMA_ID);
  });
});
