/** The yearly figures' page (staff) and the applicant's background questions, in Danish. */
export const reportsDa = {
  staff: {
    title: 'Tal for året',
    intro:
      'Hvor mange søgte, hvorfra, og hvor langt de nåede: tragten fra ansøgning til 3. år og videre, fordelt på køn, region, kommune, alder og talentklasse, og de seneste fem år.',
    suppression:
      'Små tal vises ikke: et tal fra 1 til 4 står som «<5», og det samme gør et tal mere i samme kolonne, hvis totalen ellers ville afsløre det. En procent vises kun, når begge tal bag den vises.',
    background:
      'Køn, kommune og talentklasse er ansøgernes frivillige svar. Alder er alderen på optagets skæringsdato.',
    choose: 'Vælg tal',
    year: 'Optagsår',
    programme: 'Uddannelse',
    allProgrammes: 'Alle tre',
    show: 'Vis tallene',
    downloads: 'Hent tallene',
    workbook: (year: number) => `Hele året ${year} som Excel-projektmappe (XLSX, et ark pr. tabel)`,
    csv: (table: string) => `Hent «${table}» som CSV`,
    chartOf: (title: string) => `Diagram: ${title}. Tallene står i tabellen under diagrammet.`,
    noRate: '–',
    contents: 'Indhold',
  },
  background: {
    title: 'Frivillige spørgsmål om din baggrund',
    why: 'Akademiet vil gerne nå unge uanset køn og baggrund i hele Region Nordjylland. Dine svar hjælper os med at se, hvem vi når, og hvem vi ikke når endnu.',
    promise:
      'Alle spørgsmål er frivillige, og du kan svare «Vil ikke oplyse». Svarene gemmes for sig, censorerne ser dem aldrig, og de bruges ikke, når vi vurderer din ansøgning. De indgår kun i akademiets samlede tal, hvor ingen kan genkendes.',
    gender: 'Køn',
    genders: {
      woman: 'Kvinde',
      man: 'Mand',
      'self-described': 'Jeg beskriver det selv',
      'prefer-not': 'Vil ikke oplyse',
    },
    genderDescription: 'Med dine egne ord (hvis du beskriver det selv)',
    municipality: 'Hvilken kommune bor du i?',
    municipalityNone: 'Vælg kommune',
    preferNot: 'Vil ikke oplyse',
    school: 'Skole eller uddannelse',
    schoolHint: 'Fx «Aalborg Katedralskole, 2.g» eller «9. klasse, Vester Mariendal Skole»',
    feederCourse: 'Har du gået på en talentklasse eller et andet forberedende forløb?',
    feeders: {
      'talent-class': 'Ja, en talentklasse',
      'other-course': 'Ja, et andet forløb',
      none: 'Nej',
      'prefer-not': 'Vil ikke oplyse',
    },
    feederCourseWhere: 'Hvor? (hvis ja)',
    feederCourseWhereHint: 'Fx «Talentklassen på Aalborg Kulturskole»',
    save: 'Gem svarene',
    saved: 'Dine svar er gemt.',
    back: 'Tilbage til ansøgningen',
    link: 'Frivillige spørgsmål om din baggrund',
    linkHint: 'Valgfrit: hjælp os med at se, hvem vi når. Censorerne ser ikke dine svar.',
    fieldErrors: {
      gender: 'Vælg et af svarene om køn',
      genderDescription: 'Skriv højst 60 tegn',
      municipalityCode: 'Vælg en kommune fra listen eller «Vil ikke oplyse»',
      school: 'Skriv højst 200 tegn om skole eller uddannelse',
      feederCourse: 'Vælg et af svarene om talentklasse',
      feederCourseWhere: 'Skriv højst 200 tegn om, hvor forløbet var',
    },
  },
};
