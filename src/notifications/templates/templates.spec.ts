import { NOTIFICATION_TYPES, renderTemplate, TEMPLATES, TemplateError, type VariableKind } from './index.js';

describe('notification templates', () => {
  const cases = NOTIFICATION_TYPES.flatMap((type) =>
    (['da', 'en'] as const).map((locale) => [type, locale] as const),
  );

  it.each(cases)('%s renders in %s with its sample data', (type, locale) => {
    const mail = renderTemplate(type, locale, TEMPLATES[type].sample);
    expect(mail.subject.length).toBeGreaterThan(3);
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(/\{\{|\}\}|undefined|null|\[object/);
    }
    expect(mail.html).toContain(`lang="${locale}"`);
    expect(mail.text).toContain(locale === 'da' ? 'Venlig hilsen' : 'Kind regards');
  });

  it.each(cases)(
    '%s in %s names every declared variable and fails without any one that is not optional',
    (type, locale) => {
      const template = TEMPLATES[type];
      const used = new Set(
        [...`${template[locale].subject}\n${template[locale].body}`.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map(
          (m) => m[1],
        ),
      );
      expect([...used].sort()).toEqual(Object.keys(template.variables).sort());
      for (const name of used) {
        const data: Record<string, unknown> = { ...template.sample };
        delete data[name];
        const kind: VariableKind = (template.variables as Record<string, VariableKind>)[name];
        if (typeof kind === 'object' && 'orElse' in kind) {
          expect(renderTemplate(type, locale, data).text).toContain(kind.orElse[locale]);
        } else {
          expect(() => renderTemplate(type, locale, data)).toThrow(TemplateError);
        }
      }
    },
  );

  it('every template has Danish text that differs from its English text', () => {
    for (const type of NOTIFICATION_TYPES) {
      expect(TEMPLATES[type].da.body).not.toEqual(TEMPLATES[type].en.body);
    }
  });

  it('the invitation reads naturally in Danish and English, with the time in Copenhagen', () => {
    const data = {
      name: 'Lars',
      role: 'juror',
      link: 'https://x.example/a?token=t',
      expiresAt: '2027-01-10T12:00:00Z',
    };
    const da = renderTemplate('invitation', 'da', data);
    expect(da.subject).toBe('Du er inviteret til Aalborg Talentakademi');
    expect(da.text).toContain('Kære Lars');
    expect(da.text).toContain('som censor');
    expect(da.text).toContain('10. januar 2027 kl. 13:00');
    const en = renderTemplate('invitation', 'en', data);
    expect(en.text).toContain('as a juror');
    expect(en.text).toContain('10 January 2027 at 13:00');
    expect(en.html).toContain('<a href="https://x.example/a?token=t">');
  });

  it("what to bring is the track's text in the reader's language, a dash when the track has none", () => {
    const sample = TEMPLATES.audition_invitation.sample;
    const bring = { da: 'Dit instrument', en: 'Your instrument' };
    expect(renderTemplate('audition_invitation', 'da', { ...sample, bring }).text).toContain(
      'Medbring: Dit instrument',
    );
    expect(renderTemplate('audition_invitation', 'en', { ...sample, bring }).text).toContain(
      'Please bring: Your instrument',
    );
    const danishOnly = { ...sample, bring: { da: 'Dit instrument', en: null } };
    expect(renderTemplate('audition_invitation', 'en', danishOnly).text).toContain('Please bring: —');
    expect(() => renderTemplate('audition_invitation', 'da', { ...sample, bring: 'Dit instrument' })).toThrow(
      /must be given as \{da, en\}/,
    );
  });

  it('advancing before the next round exists says "the next round" in the reader\'s language', () => {
    const { roundName: _, ...sample } = TEMPLATES.advanced_to_next_round.sample;
    expect(renderTemplate('advanced_to_next_round', 'da', sample).text).toContain(
      'videre til næste runde på',
    );
    expect(renderTemplate('advanced_to_next_round', 'en', sample).text).toContain(
      'advanced to the next round for',
    );
  });

  it('escapes variables in HTML but not in plain text', () => {
    const data = { ...TEMPLATES.result_rejected.sample, name: '<script>alert("x")</script> & Co' };
    const mail = renderTemplate('result_rejected', 'da', data);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(mail.text).toContain('<script>alert("x")</script> & Co');
  });

  it("a guardian's copy says so in the subject and first paragraph, in the applicant's language", () => {
    const da = renderTemplate('result_admitted', 'da', TEMPLATES.result_admitted.sample, {
      guardianCopy: true,
    });
    expect(da.subject).toBe('Kopi til værge: Du er optaget');
    expect(da.text.split('\n\n')[0]).toContain('værge for Maja Jensen');
    const en = renderTemplate('result_admitted', 'en', TEMPLATES.result_admitted.sample, {
      guardianCopy: true,
    });
    expect(en.subject).toBe('Copy for guardian: You have been admitted');
  });

  it('refuses an unknown type, an unknown label and a non-date', () => {
    expect(() => renderTemplate('nope', 'da', {})).toThrow(/No template/);
    expect(() =>
      renderTemplate('invitation', 'da', { ...TEMPLATES.invitation.sample, role: 'king' }),
    ).toThrow(/not a known role/);
    expect(() =>
      renderTemplate('invitation', 'da', { ...TEMPLATES.invitation.sample, expiresAt: 'soon' }),
    ).toThrow(/not a date/);
  });
});
