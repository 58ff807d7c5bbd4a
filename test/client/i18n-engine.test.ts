// @vitest-environment jsdom
/**
 * The engine's sentences in French and German: every key of the engine's
 * catalogue (src/engine/messages/templates.ts) has its French and German with
 * the same placeholders, every phrase and confidence level too, and nothing
 * in the catalogues names a key the engine does not have. Then the renderer
 * itself (ui/engineText.ts), through the real i18next, on sentences read from
 * real English.
 */
import { describe, expect, it } from 'vitest';
import { placeholders, recognise, say, TEMPLATES, TERMS } from '../../src/engine/messages';
import { ENGINE_CATALOGUES } from '../../src/client/ui/i18n-engine';
import { chooseLanguage } from '../../src/client/ui/i18n';
import { engineText, measureLabel } from '../../src/client/ui/engineText';

const LANGUAGES = ['fr', 'de'] as const;
const CONFIDENCE = ['none', 'low', 'moderate', 'high'];
const COMPONENTS = ['fit', 'preparedness', 'evidence', 'reversibility', 'procedure', 'mitigation', 'alignment', 'agreement', 'jointness', 'burden', 'sharing'];

/** The placeholder names of a translation: {{name}}, as the catalogues write them (formatted before rendering). */
const namesIn = (text: string) => [...text.matchAll(/\{\{(\w+)(?:,[^}]*)?\}\}/g)].map((m) => m[1]).sort();

/** Every key a catalogue must have: the sentences, the phrases, the confidence levels, the components' names. */
function expectedKeys(): string[] {
  return [
    ...Object.keys(TEMPLATES),
    ...Object.keys(TERMS).map((k) => `term.${k}`),
    ...CONFIDENCE.map((c) => `confidence.${c}`),
    ...COMPONENTS.map((c) => `component.${c}`),
  ].sort();
}

describe("the engine's sentences in French and German", () => {
  for (const language of LANGUAGES) {
    const catalogue = ENGINE_CATALOGUES[language];

    it(`${language}: every key, and no other`, () => {
      expect(Object.keys(catalogue).sort()).toEqual(expectedKeys());
    });

    it(`${language}: each sentence has the English template's placeholders, and no English left in it`, () => {
      for (const [key, template] of Object.entries(TEMPLATES)) {
        const translated = catalogue[key]!;
        expect(namesIn(translated), key).toEqual(placeholders(template).map((p) => p.name).sort());
        if (template.replace(/\{\{[^}]+\}\}/g, '').trim().length > 12) expect(translated, key).not.toBe(template);
      }
      for (const key of [...Object.keys(TERMS).map((k) => `term.${k}`), ...CONFIDENCE.map((c) => `confidence.${c}`)]) {
        expect(namesIn(catalogue[key]!), key).toEqual([]);
      }
    });
  }

  it('renders what the engine wrote in the chosen language, numbers and lists its way, and English as it came', () => {
    const outcome = say('outcome.fellThrough', { minimum: 3, joined: ['Estonia', 'Latvia'] });
    const messages = recognise(outcome);
    chooseLanguage('en');
    expect(engineText(outcome, messages)).toBe(outcome);
    chooseLanguage('fr');
    expect(engineText(outcome, messages)).toBe('Abandonnée : il fallait 3 gouvernements et seuls Estonia et Latvia se sont joints.');
    chooseLanguage('de');
    expect(engineText(outcome, messages)).toBe('Gescheitert: Es waren 3 Regierungen nötig, und nur Estonia und Latvia haben sich angeschlossen.');

    const why = say('score.lost', { lost: 2.5, why: say('reversibility.partly', { action: 'Expel diplomats', share: 0.456 }) });
    expect(engineText(why, recognise(why))).toBe('−2,5: Expel diplomats lässt sich nur teilweise rückgängig machen (Umkehrbarkeit 46\u00a0%).');
    chooseLanguage('fr');
    expect(engineText(why, recognise(why))).toBe('−2,5 : Expel diplomats n\'est que partiellement réversible (réversibilité de 46\u00a0%).');
    chooseLanguage('en');
  });

  it('renders a score summary built of pieces, with the legal rules that capped it', () => {
    const summary = say('summary.proportionality', {
      value: 40,
      before: say('part.beforeLegal', { raw: 63 }),
      verdict: say('part.verdictBoth', { strengths: ['procedurallySound'], weaknesses: ['costlyToBystanders', 'hardToUndo'] }),
      legal: [say('part.legalExposed', { exposures: ['exposedIrreversible', 'exposedNoNotice'] })],
    });
    expect(summary).toBe(
      'Proportionality 40/100 (63 before the legal rules): procedurally sound but costly to bystanders and hard to undo; legally exposed as a countermeasure below the reversibility floor and without notice.',
    );
    chooseLanguage('fr');
    expect(engineText(summary, recognise(summary))).toBe(
      'Proportionnalité 40/100 (63 avant les règles juridiques) : solide sur le plan procédural, mais coûteuse pour les tiers et difficile à défaire ; juridiquement fragile en tant que contre-mesure en deçà du seuil de réversibilité et sans notification.',
    );
    chooseLanguage('de');
    expect(engineText(summary, recognise(summary))).toBe(
      'Verhältnismäßigkeit 40/100 (63 vor den Rechtsregeln): verfahrensrechtlich solide, aber kostspielig für Unbeteiligte und schwer rückgängig zu machen; rechtlich angreifbar als Gegenmaßnahme unterhalb der Umkehrbarkeitsschwelle und ohne Notifizierung.',
    );
    chooseLanguage('en');
  });

  it("renders a defection's rule line and its points in French and German", () => {
    const why = say('defection.veto', { team: 'Germany', action: 'Sectoral sanctions' });
    const effect = say('effect.pointsLost', { points: 6.7 });
    const unconsulted = say('defection.unconsulted', { team: 'United States', channel: 'Front companies', teams: ['Germany', 'France'] });
    chooseLanguage('en');
    expect(engineText(why, recognise(why))).toBe('Germany vetoed Sectoral sanctions in the Council.');
    chooseLanguage('fr');
    expect(engineText(why, recognise(why))).toBe('Germany a opposé son veto à Sectoral sanctions au Conseil.');
    expect(engineText(effect, recognise(effect))).toBe('−6,7 points');
    expect(engineText(unconsulted, recognise(unconsulted))).toBe('United States a désigné les facilitateurs de Front companies malgré l’exposition de Germany et France, sans les consulter.');
    chooseLanguage('de');
    expect(engineText(why, recognise(why))).toBe('Germany hat im Rat ein Veto gegen Sectoral sanctions eingelegt.');
    expect(engineText(effect, recognise(effect))).toBe('−6,7 Punkte');
    const kind = say('defection.kind', { team: 'France', what: 'didNotImplement' });
    expect(engineText(kind, recognise(kind))).toBe('France hat eine vereinbarte Maßnahme nicht umgesetzt.');
    chooseLanguage('en');
  });

  it("renders a report card's reason, bases and bearings in French and German, numbers and levels their way", () => {
    const why = say('card.whyDeveloping', {
      basis: say('part.cardScore', {
        count: 2,
        score: 52.6,
        measures: [say('part.measureValue', { measure: 'measure.proportionality', value: 80 }), say('part.measureValue', { measure: 'measure.proportionality.evidence', value: 25.3 })],
        weakest: say('part.weakest', { measure: 'measure.proportionality.evidence' }),
      }),
      rated: say('part.rated', { ratings: 'S', level: 'proficient' }),
      combined: say('part.combined', { level: 'developing' }),
    });
    const bearing = say('card.bearing', { value: 80, more: [say('part.bearingMeasure', { measure: 'measure.proportionality.fit', value: 75 }), say('part.bearingJoint')] });
    const basis = say('basis.meanOver', { count: 3 });
    chooseLanguage('fr');
    expect(engineText(why, recognise(why))).toBe(
      'En progression : 52,6/100 sur la base de 2 décisions (proportionnalité 80 et preuves 25,3) ; point le plus faible : preuves ; les évaluateurs l’ont noté S (confirmé) ; combiné : en progression.',
    );
    expect(engineText(bearing, recognise(bearing))).toBe('proportionnalité 80 ; adéquation au préjudice 75 ; conjointe');
    expect(engineText(basis, recognise(basis))).toBe('moyenne sur 3 décisions');
    expect(measureLabel('proportionality.fit', 'Fit to harm')).toBe('Adéquation au préjudice');
    chooseLanguage('de');
    expect(engineText(why, recognise(why))).toBe(
      'In Entwicklung: 52,6/100 aus 2 Entscheidungen (Verhältnismäßigkeit 80 und Beweislage 25,3); am schwächsten: Beweislage; die Auswertenden bewerteten es mit S (sicher); zusammengeführt: in Entwicklung.',
    );
    expect(engineText(bearing, recognise(bearing))).toBe('Verhältnismäßigkeit 80; Angemessenheit zum Schaden 75; gemeinsam');
    expect(measureLabel('joint', 'Taken jointly')).toBe('Gemeinsam ergriffen');
    chooseLanguage('en');
    expect(engineText(why, recognise(why))).toBe(why);
    expect(measureLabel('joint', 'Taken jointly')).toBe('Taken jointly');
  });

  it('shows a text the engine did not wholly write as it is, in every language', () => {
    chooseLanguage('fr');
    expect(engineText('Set by the facilitator.', recognise('Set by the facilitator.'))).toBe('Set by the facilitator.');
    chooseLanguage('en');
  });
});
