/**
 * Grade sheet downloads for instructors: the report cards of this exercise,
 * or of every exercise this browser facilitates (a class), as CSV.
 */
import { request } from '../../net/connection';
import { facilitatorCredentials } from '../../net/credentials';
import { answerSlot, type Answers } from '../../ui/answers';
import { downloadText } from '../../ui/download';
import { html, type TemplateResult } from '../../ui/dom';

/** One CSV across every exercise this browser facilitates; offered when there are several. */
export function classGradeSheet(answers: Answers, exercises: number): TemplateResult {
  if (exercises < 2) return html``;
  const download = async () => {
    const answer = await answers.track(
      'class-grades',
      request('grades:class', { credentials: facilitatorCredentials() }, 30_000),
      `Downloaded the grade sheet of ${exercises} exercises.`,
      'Preparing the grade sheet…',
    );
    if (answer.ok) downloadText(answer.filename, answer.contentType, answer.data);
  };
  return html`<p class="row"><button class="btn" type="button" @click=${download}>Download the class grade sheet (CSV)</button>
      <span class="help">Every team's report card in these ${exercises} exercises, one row per player.</span></p>
    ${answerSlot(answers, 'class-grades')}`;
}
