import type { TemplateDefinition } from './render.js';

/** Third-year projects: returned, approved, milestones (due, overdue, moved), the weekly at-risk digest for staff. */
export const projectsTemplates = {
  project_returned: {
    variables: { name: 'text', projectTitle: 'text', comment: 'text', link: 'url' },
    sample: {
      name: 'Maja Jensen',
      projectTitle: 'Afgangskoncert: Nordiske stemmer',
      comment: 'Beskriv repertoiret nærmere.',
      link: 'https://talentakademi.example/p/1',
    },
    da: {
      subject: 'Dit projektforslag er sendt tilbage',
      body: `Kære {{name}}

Akademiet har sendt dit forslag til afgangsprojektet "{{projectTitle}}" tilbage med denne kommentar:

{{comment}}

Ret forslaget og send det igen her: {{link}}`,
    },
    en: {
      subject: 'Your project proposal has been sent back',
      body: `Dear {{name}}

The academy has sent your proposal for the third-year project "{{projectTitle}}" back with this comment:

{{comment}}

Revise the proposal and send it again here: {{link}}`,
    },
  },
  project_approved: {
    variables: { name: 'text', projectTitle: 'text', link: 'url' },
    sample: {
      name: 'Maja Jensen',
      projectTitle: 'Afgangskoncert: Nordiske stemmer',
      link: 'https://talentakademi.example/p/1',
    },
    da: {
      subject: 'Dit afgangsprojekt er godkendt',
      body: `Kære {{name}}

Dit afgangsprojekt "{{projectTitle}}" er godkendt. Din vejleder følger dig undervejs.

Se projektet og dine delmål her: {{link}}`,
    },
    en: {
      subject: 'Your third-year project has been approved',
      body: `Dear {{name}}

Your third-year project "{{projectTitle}}" has been approved. Your supervisor will follow you along the way.

See the project and its milestones here: {{link}}`,
    },
  },
  milestone_due: {
    variables: {
      name: 'text',
      projectTitle: 'text',
      milestoneTitle: 'text',
      dueDate: 'date',
      link: 'url',
    },
    sample: {
      name: 'Maja Jensen',
      projectTitle: 'Afgangskoncert: Nordiske stemmer',
      milestoneTitle: 'Program og tekster klar',
      dueDate: '2027-11-15',
      link: 'https://talentakademi.example/p/1',
    },
    da: {
      subject: 'Påmindelse: delmål i dit afgangsprojekt',
      body: `Kære {{name}}

Delmålet "{{milestoneTitle}}" i dit afgangsprojekt "{{projectTitle}}" skal være klar {{dueDate}}.

Se projektet her: {{link}}`,
    },
    en: {
      subject: 'Reminder: milestone in your third-year project',
      body: `Dear {{name}}

The milestone "{{milestoneTitle}}" of your third-year project "{{projectTitle}}" is due on {{dueDate}}.

See the project here: {{link}}`,
    },
  },
  milestone_overdue: {
    variables: {
      name: 'text',
      projectTitle: 'text',
      milestoneTitle: 'text',
      dueDate: 'date',
      link: 'url',
    },
    sample: {
      name: 'Maja Jensen',
      projectTitle: 'Afgangskoncert: Nordiske stemmer',
      milestoneTitle: 'Program og tekster klar',
      dueDate: '2027-11-15',
      link: 'https://talentakademi.example/p/1',
    },
    da: {
      subject: 'Delmål i dit afgangsprojekt er overskredet',
      body: `Kære {{name}}

Delmålet "{{milestoneTitle}}" i dit afgangsprojekt "{{projectTitle}}" skulle have været klar {{dueDate}}.

Tal med din vejleder om en ny plan, og opdater projektet her: {{link}}`,
    },
    en: {
      subject: 'A milestone of your third-year project is overdue',
      body: `Dear {{name}}

The milestone "{{milestoneTitle}}" of your third-year project "{{projectTitle}}" was due on {{dueDate}}.

Talk to your supervisor about a new plan, and update the project here: {{link}}`,
    },
  },
  milestone_moved: {
    variables: {
      name: 'text',
      projectTitle: 'text',
      milestoneTitle: 'text',
      previousDueDate: 'date',
      dueDate: 'date',
      movedBy: 'text',
      reason: 'text',
      link: 'url',
    },
    sample: {
      name: 'Maja Jensen',
      projectTitle: 'Afgangskoncert: Nordiske stemmer',
      milestoneTitle: 'Midtvejsfremlæggelse',
      previousDueDate: '2027-11-15',
      dueDate: '2027-12-01',
      movedBy: 'Anna Vejleder',
      reason: 'Koncertsalen er optaget i november.',
      link: 'https://talentakademi.example/p/1',
    },
    da: {
      subject: 'Et delmål i dit afgangsprojekt er flyttet',
      body: `Kære {{name}}

{{movedBy}} har flyttet delmålet "{{milestoneTitle}}" i dit afgangsprojekt "{{projectTitle}}" fra {{previousDueDate}} til {{dueDate}}.

Begrundelse: {{reason}}

Se projektet og dine delmål her: {{link}}`,
    },
    en: {
      subject: 'A milestone of your third-year project has moved',
      body: `Dear {{name}}

{{movedBy}} has moved the milestone "{{milestoneTitle}}" of your third-year project "{{projectTitle}}" from {{previousDueDate}} to {{dueDate}}.

Reason: {{reason}}

See the project and its milestones here: {{link}}`,
    },
  },
  at_risk_digest: {
    variables: { name: 'text', count: 'text', summary: 'localized', link: 'url' },
    sample: {
      name: 'Hanne Holm',
      count: 2,
      summary: {
        da: 'Maja Jensen – Nordiske stemmer: Ingen vejledning i 24 dage\nOliver Berg – Hamlet i dag: Seneste vejledning siger, at projektet ikke er på rette spor',
        en: 'Maja Jensen – Nordiske stemmer: No supervisor check-in for 24 days\nOliver Berg – Hamlet i dag: The latest supervisor check-in says the project is not on track',
      },
      link: 'https://talentakademi.example/staff/projects',
    },
    da: {
      subject: 'Afgangsprojekter i risiko: {{count}}',
      body: `Kære {{name}}

{{count}} afgangsprojekter har overskredne delmål eller har ikke haft vejledning i tre uger:

{{summary}}

Se listen her: {{link}}`,
    },
    en: {
      subject: 'Third-year projects at risk: {{count}}',
      body: `Dear {{name}}

{{count}} third-year projects have overdue milestones or no supervisor check-in for three weeks:

{{summary}}

See the list here: {{link}}`,
    },
  },
} satisfies Record<string, TemplateDefinition>;
