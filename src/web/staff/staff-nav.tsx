import type { Dictionary } from '../i18n/index.js';

/** Every staff page of PAGES.md that has a place of its own; the others are reached from the desk's intakes. */
export const STAFF_NAV = [
  { href: '/staff', key: 'desk' },
  { href: '/staff/students', key: 'students' },
  { href: '/staff/projects', key: 'projects' },
  { href: '/staff/notifications', key: 'notifications' },
  { href: '/staff/users', key: 'users' },
  { href: '/staff/erasure-requests', key: 'erasure' },
  { href: '/staff/reports', key: 'reports' },
] as const;

/** The staff's navigation: one list of links, the current one marked (aria-current) for screen readers. */
export function StaffNav(props: { t: Dictionary; path: string }) {
  const here = props.path.split('?')[0];
  const current = (href: string) =>
    href === '/staff'
      ? here === '/staff' ||
        here.startsWith('/staff/intakes') ||
        here.startsWith('/staff/rounds') ||
        here.startsWith('/staff/applications')
      : here.startsWith(href);
  return (
    <nav aria-label={props.t.staff.nav.label} class="academy-staff-nav">
      <ul>
        {STAFF_NAV.map((item) => (
          <li>
            <a href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
              {props.t.staff.nav[item.key]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
