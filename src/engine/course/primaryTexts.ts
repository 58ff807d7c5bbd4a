/**
 * The primary texts every course may cite by id: the law of countermeasures,
 * the EU's cyber-sanctions regime and the US analytic standards the
 * scenarios are built on. Cited by official title and identifier; a course
 * adds why each matters for its scenario.
 */
export interface PrimaryText {
  id: string;
  citation: string;
  /** The official identifier, where the text has one. */
  identifier: string | null;
  url: string | null;
  /** What to read of it, unless the course says otherwise. */
  parts: string;
  /** What it contains, in a sentence or two. */
  summary: string;
}

export const PRIMARY_TEXTS: readonly PrimaryText[] = [
  {
    id: 'ilc-articles',
    citation:
      'International Law Commission, Articles on Responsibility of States for Internationally Wrongful Acts, with commentaries (2001), annexed to UN General Assembly resolution 56/83 of 12 December 2001',
    identifier: 'UN Doc. A/56/10',
    url: 'https://legal.un.org/ilc/texts/instruments/english/commentaries/9_6_2001.pdf',
    parts: 'Part Three, Chapter II, Arts 49–54 (countermeasures), with their commentaries',
    summary:
      'Art. 49 the object and limits of countermeasures; Art. 50 obligations they may not affect; Art. 51 proportionality; Art. 52 the conditions for resorting to them (a call to comply, notice and an offer to negotiate, urgent countermeasures as the exception, suspension while a court or tribunal with binding authority is seized); Art. 53 termination; Art. 54 lawful measures by states other than the injured state.',
  },
  {
    id: 'tallinn-2',
    citation:
      'Michael N. Schmitt (general editor), Tallinn Manual 2.0 on the International Law Applicable to Cyber Operations, Cambridge University Press, 2017',
    identifier: null,
    url: null,
    parts: 'Rules 20–26 (countermeasures and necessity), with the commentary',
    summary:
      'Rule 20 countermeasures in general; Rule 21 their purpose; Rule 22 their limits; Rule 23 proportionality; Rule 24 who may take them (the injured state; the experts divided on collective countermeasures); Rule 25 effects on third parties; Rule 26 the plea of necessity, which does not depend on attributing the operation to a state.',
  },
  {
    id: 'eu-cyber-decision',
    citation:
      'Council Decision (CFSP) 2019/797 of 17 May 2019 concerning restrictive measures against cyber-attacks threatening the Union or its Member States',
    identifier: 'CELEX 32019D0797',
    url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32019D0797',
    parts: 'The whole Decision (it is short), and the consolidated list of persons and entities',
    summary:
      "The EU's cyber-sanctions regime: the cyber-attacks it covers (those with a significant effect, and attempted ones with a potentially significant effect, that constitute an external threat to the Union or its Member States, or to third states and international organisations where measures are needed for the Union's foreign-policy objectives), the factors that make an effect significant, travel bans and asset freezes, listing by the Council acting unanimously with a statement of reasons, and review.",
  },
  {
    id: 'eu-cyber-regulation',
    citation:
      'Council Regulation (EU) 2019/796 of 17 May 2019 concerning restrictive measures against cyber-attacks threatening the Union or its Member States',
    identifier: 'CELEX 32019R0796',
    url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32019R0796',
    parts: 'The asset freeze, its derogations, and the list in Annex I',
    summary:
      "Puts the Decision's asset freeze into directly applicable Union law: the freeze and the ban on making funds available, the derogations (basic needs, legal fees and the like) and the list of persons and entities in Annex I, where the first listings of 30 July 2020 were added.",
  },
  {
    id: 'icd-203',
    citation: 'Office of the Director of National Intelligence, Intelligence Community Directive 203, Analytic Standards, 2 January 2015 (superseding the directive of 21 June 2007)',
    identifier: 'ICD 203',
    url: null,
    parts: 'The analytic standards and the nine analytic tradecraft standards',
    summary:
      'The standards US intelligence analysis is held to: objective, independent of political considerations, timely, based on all available sources, and meeting nine tradecraft standards, among them describing the quality of sources, expressing and explaining uncertainty, telling intelligence apart from assumptions and judgements, and analysing alternatives. It keeps the likelihood of an event apart from the confidence held in a judgement.',
  },
  {
    id: 'ica-2017',
    citation:
      'Office of the Director of National Intelligence, Assessing Russian Activities and Intentions in Recent US Elections, Intelligence Community Assessment, 6 January 2017 (declassified version)',
    identifier: 'ICA 2017-01D',
    url: null,
    parts: 'The key judgements, the section on the GRU and the leak personas, and the annex on estimative language',
    summary:
      "The US intelligence community's public assessment of the 2016 campaign: key judgements with the confidence each agency held, Russian military intelligence (GRU) behind the hack-and-leak operation through the Guccifer 2.0 persona, DCLeaks and WikiLeaks, and what a declassified assessment can show without exposing sources and methods.",
  },
];

export const PRIMARY_TEXT_IDS: readonly string[] = PRIMARY_TEXTS.map((t) => t.id);

export function primaryText(id: string): PrimaryText | undefined {
  return PRIMARY_TEXTS.find((t) => t.id === id);
}
