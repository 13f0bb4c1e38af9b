import type { Locale } from '../../common/locale.js';
import { accountsTemplates } from './accounts.js';
import { admissionsTemplates } from './admissions.js';
import { applicationsTemplates } from './applications.js';
import { auditionsTemplates } from './auditions.js';
import { privacyTemplates } from './privacy.js';
import { projectsTemplates } from './projects.js';
import { renderMail, TemplateError, type RenderedMail, type TemplateDefinition } from './render.js';
import { studentsTemplates } from './students.js';

export {
  escapeHtml,
  TemplateError,
  type RenderedMail,
  type TemplateDefinition,
  type VariableKind,
} from './render.js';

/** Every e-mail the academy sends, in Danish (default) and English: one file per area, one renderer. */
export const TEMPLATES = {
  ...accountsTemplates,
  ...applicationsTemplates,
  ...auditionsTemplates,
  ...admissionsTemplates,
  ...studentsTemplates,
  ...projectsTemplates,
  ...privacyTemplates,
} satisfies Record<string, TemplateDefinition>;

export type NotificationType = keyof typeof TEMPLATES;
export const NOTIFICATION_TYPES = Object.keys(TEMPLATES) as NotificationType[];

/** Renders one message. Throws a TemplateError for an unknown type, a missing or undeclared variable. */
export function renderTemplate(
  type: string,
  locale: Locale,
  data: Record<string, unknown>,
  options: { guardianCopy?: boolean } = {},
): RenderedMail {
  const template: TemplateDefinition | undefined = (TEMPLATES as Record<string, TemplateDefinition>)[type];
  if (!template) throw new TemplateError(`No template for notification type "${type}"`);
  return renderMail(type, template, locale, data, options);
}
