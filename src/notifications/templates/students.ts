import { programme, SAMPLE_APPLICANT } from './labels.js';
import type { Labels, TemplateDefinition } from './render.js';

const EXAM_OUTCOMES: Labels = {
  da: { passed: 'bestået', failed: 'ikke bestået' },
  en: { passed: 'passed', failed: 'not passed' },
};

/** Students: the annual exam, leaving on one's own wish. */
export const studentsTemplates = {
  annual_exam_result: {
    variables: { name: 'text', programme, year: 'text', outcome: { labels: EXAM_OUTCOMES }, link: 'url' },
    sample: { ...SAMPLE_APPLICANT, year: 1, outcome: 'passed' },
    da: {
      subject: 'Resultat af din årsprøve',
      body: `Kære {{name}}

Resultatet af din årsprøve for {{year}}. år på {{programme}} er: {{outcome}}.

Se dine karakterer her: {{link}}`,
    },
    en: {
      subject: 'Result of your annual exam',
      body: `Dear {{name}}

The result of your annual exam for year {{year}} of {{programme}} is: {{outcome}}.

See your grades here: {{link}}`,
    },
  },
  enrolment_left: {
    variables: { name: 'text', programme, leftOn: 'date', link: 'url' },
    sample: { ...SAMPLE_APPLICANT, leftOn: '2032-03-31' },
    da: {
      subject: 'Du er udmeldt af talentakademiet',
      body: `Kære {{name}}

Vi har registreret, at du efter eget ønske er stoppet på {{programme}} den {{leftOn}}.

Tak for tiden på akademiet. Du kan stadig se dine oplysninger her: {{link}}`,
    },
    en: {
      subject: 'You have left the talent academy',
      body: `Dear {{name}}

We have recorded that you left {{programme}} at your own wish on {{leftOn}}.

Thank you for your time at the academy. You can still see your records here: {{link}}`,
    },
  },
} satisfies Record<string, TemplateDefinition>;
