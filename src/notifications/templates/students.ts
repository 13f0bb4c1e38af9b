import { programme, SAMPLE_APPLICANT } from './labels.js';
import type { Labels, TemplateDefinition } from './render.js';

const EXAM_OUTCOMES: Labels = {
  da: { passed: 'bestået', failed: 'ikke bestået' },
  en: { passed: 'passed', failed: 'not passed' },
};

/** Students: the annual exam. */
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
} satisfies Record<string, TemplateDefinition>;
