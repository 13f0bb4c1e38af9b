import type { reportsDa } from './reports-da.js';

/** The yearly figures' page (staff) and the applicant's background questions, in English. */
export const reportsEn: typeof reportsDa = {
  staff: {
    title: 'Yearly figures',
    intro:
      'How many applied, from where, and how far they got: the funnel from application to year 3 and beyond, by gender, region, municipality, age and feeder course, and the last five years.',
    suppression:
      'Small numbers are not shown: a count from 1 to 4 reads «<5», and so does one more count of the same column when the total would otherwise give it away. A percentage is shown only when both counts behind it are.',
    background:
      'Gender, municipality and feeder course are the applicants’ voluntary answers. Age is the age on the intake’s reference date.',
    choose: 'Choose figures',
    year: 'Intake year',
    programme: 'Programme',
    allProgrammes: 'All three',
    show: 'Show the figures',
    downloads: 'Download the figures',
    workbook: (year: number) => `The whole year ${year} as an Excel workbook (XLSX, a sheet per table)`,
    csv: (table: string) => `Download «${table}» as CSV`,
    chartOf: (title: string) => `Chart: ${title}. The figures are in the table below the chart.`,
    noRate: '–',
    contents: 'Contents',
  },
  background: {
    title: 'Voluntary questions about your background',
    why: 'The academy wants to reach young people whatever their gender and background, all over Region Nordjylland. Your answers help us see whom we reach, and whom we do not reach yet.',
    promise:
      'Every question is voluntary, and you can answer «Prefer not to say». The answers are stored on their own, the jurors never see them, and they are not used when your application is judged. They only count in the academy’s overall figures, where nobody can be recognised.',
    gender: 'Gender',
    genders: {
      woman: 'Woman',
      man: 'Man',
      'self-described': 'I describe it myself',
      'prefer-not': 'Prefer not to say',
    },
    genderDescription: 'In your own words (if you describe it yourself)',
    municipality: 'Which municipality do you live in?',
    municipalityNone: 'Choose a municipality',
    preferNot: 'Prefer not to say',
    school: 'School or education',
    schoolHint: 'For example «Aalborg Katedralskole, 2nd year» or «Year 9, Vester Mariendal Skole»',
    feederCourse: 'Have you been in a talent class or another preparatory course?',
    feeders: {
      'talent-class': 'Yes, a talent class',
      'other-course': 'Yes, another course',
      none: 'No',
      'prefer-not': 'Prefer not to say',
    },
    feederCourseWhere: 'Where? (if yes)',
    feederCourseWhereHint: 'For example «The talent class at Aalborg Kulturskole»',
    save: 'Save the answers',
    saved: 'Your answers are saved.',
    back: 'Back to the application',
    link: 'Voluntary questions about your background',
    linkHint: 'Optional: help us see whom we reach. The jurors do not see your answers.',
    fieldErrors: {
      gender: 'Choose one of the answers about gender',
      genderDescription: 'Write at most 60 characters',
      municipalityCode: 'Choose a municipality from the list or «Prefer not to say»',
      school: 'Write at most 200 characters about your school or education',
      feederCourse: 'Choose one of the answers about a talent class',
      feederCourseWhere: 'Write at most 200 characters about where the course was',
    },
  },
};
