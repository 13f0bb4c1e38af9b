import { programme, SAMPLE_APPLICANT, SAMPLE_AUDITION } from './labels.js';
import type { TemplateDefinition } from './render.js';

/** Auditions: invitation, a moved time, the reminder the day before, the next round. */
export const auditionsTemplates = {
  audition_invitation: {
    variables: {
      name: 'text',
      programme,
      roundName: 'text',
      startsAt: 'datetime',
      venue: 'text',
      room: 'text',
      // The track's own words in both languages (the catalogue's requirements); a track without them: a dash.
      bring: { shown: 'localized', orElse: { da: '—', en: '—' } },
      link: 'url',
    },
    sample: {
      ...SAMPLE_AUDITION,
      bring: {
        da: 'Dit instrument og noder til dine stykker',
        en: 'Your instrument and the scores of your pieces',
      },
    },
    da: {
      subject: 'Invitation til optagelsesprøve',
      body: `Kære {{name}}

Du er inviteret til {{roundName}} på {{programme}}.

Tid: {{startsAt}}
Sted: {{venue}}, {{room}}

Medbring: {{bring}}

Kan du ikke komme på det tidspunkt, så bed om et andet her: {{link}}`,
    },
    en: {
      subject: 'Invitation to your audition',
      body: `Dear {{name}}

You are invited to {{roundName}} for {{programme}}.

Time: {{startsAt}}
Place: {{venue}}, {{room}}

Please bring: {{bring}}

If you cannot come at that time, ask for another one here: {{link}}`,
    },
  },
  audition_rescheduled: {
    variables: {
      name: 'text',
      programme,
      roundName: 'text',
      startsAt: 'datetime',
      venue: 'text',
      room: 'text',
      link: 'url',
    },
    sample: SAMPLE_AUDITION,
    da: {
      subject: 'Nyt tidspunkt for din optagelsesprøve',
      body: `Kære {{name}}

Din {{roundName}} på {{programme}} er flyttet.

Nyt tidspunkt: {{startsAt}}
Sted: {{venue}}, {{room}}

Se detaljerne her: {{link}}`,
    },
    en: {
      subject: 'New time for your audition',
      body: `Dear {{name}}

Your {{roundName}} for {{programme}} has been moved.

New time: {{startsAt}}
Place: {{venue}}, {{room}}

See the details here: {{link}}`,
    },
  },
  audition_reminder: {
    variables: {
      name: 'text',
      programme,
      roundName: 'text',
      startsAt: 'datetime',
      venue: 'text',
      room: 'text',
    },
    sample: SAMPLE_AUDITION,
    da: {
      subject: 'Påmindelse: din optagelsesprøve er i morgen',
      body: `Kære {{name}}

En påmindelse om din {{roundName}} på {{programme}}.

Tid: {{startsAt}}
Sted: {{venue}}, {{room}}

Kom gerne i god tid. Vi glæder os til at se dig.`,
    },
    en: {
      subject: 'Reminder: your audition is tomorrow',
      body: `Dear {{name}}

A reminder of your {{roundName}} for {{programme}}.

Time: {{startsAt}}
Place: {{venue}}, {{room}}

Please arrive in good time. We look forward to seeing you.`,
    },
  },
  advanced_to_next_round: {
    variables: {
      name: 'text',
      programme,
      // Advanced before staff set up the next round: the message then says "the next round".
      roundName: { shown: 'text', orElse: { da: 'næste runde', en: 'the next round' } },
      link: 'url',
    },
    sample: { ...SAMPLE_APPLICANT, roundName: 'anden prøverunde' },
    da: {
      subject: 'Du er gået videre til næste prøverunde',
      body: `Kære {{name}}

Tillykke! Du er gået videre til {{roundName}} på {{programme}}.

Du får en invitation med tid og sted, når prøverne er planlagt. Følg med her: {{link}}`,
    },
    en: {
      subject: 'You have advanced to the next round',
      body: `Dear {{name}}

Congratulations! You have advanced to {{roundName}} for {{programme}}.

You will receive an invitation with the time and place once the auditions are planned. Follow along here: {{link}}`,
    },
  },
} satisfies Record<string, TemplateDefinition>;
