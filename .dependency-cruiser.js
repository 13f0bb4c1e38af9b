// The rooms' walls, checked by `npm run check` (dependency-cruiser). These rules are the documentation of the
// layering: the README's "Architecture" section explains them in words.
//
// A room is a folder of src/. Each room may import only the rooms listed for it below (lower rooms); a room
// that is not listed is off limits, so a lower room importing a higher one fails. From another domain room only
// its public surface may be imported: the module (`<room>/<room>.module.ts`), the room's one service
// (`<room>/<room>.service.ts`), its `dto/` and `*.types.ts` files. Never an entity (the room's tables), a
// repository, or any other file (sub-services, mappers, rules). The shared rooms (config, redis, common) are
// open: any of their files may be imported by the rooms allowed to use them.
//
// By design, outside the walls: src/database/ registers every room's entities with TypeORM (it may import
// `*.entity.ts` of every room, and nothing else of them); the process files at the top of src/ (main.ts,
// worker.ts, app.module.ts, http-app.ts) put the rooms together; scripts/, bench/, test/ and migrations/ are
// tools and may use anything in src/, while nothing in src/ may import them. No circle anywhere, type-only
// imports included.

/** What the rooms on top (personal data, the pages) may use: every domain room and the shared kernel. */
const EVERY_DOMAIN_ROOM = [
  'admissions',
  'projects',
  'students',
  'jury',
  'auditions',
  'applications',
  'catalogue',
  'accounts',
  'notifications',
  'audit',
  'common',
  'redis',
  'config',
];

/** Each room and the rooms it may import (the whole list: it is not transitive). */
const ROOMS = {
  // shared kernel
  config: [],
  redis: ['config'],
  common: ['config', 'redis'],
  // domain rooms, lowest first
  audit: ['common', 'config'],
  notifications: ['audit', 'common', 'config'],
  accounts: ['notifications', 'audit', 'common', 'config'],
  catalogue: ['audit', 'common', 'redis', 'config'],
  applications: ['accounts', 'catalogue', 'notifications', 'audit', 'common', 'config'],
  auditions: ['applications', 'accounts', 'catalogue', 'notifications', 'audit', 'common', 'config'],
  jury: ['auditions', 'applications', 'accounts', 'catalogue', 'notifications', 'audit', 'common', 'config'],
  students: ['accounts', 'notifications', 'audit', 'common', 'config'],
  projects: ['students', 'accounts', 'notifications', 'audit', 'common', 'config'],
  admissions: [
    'jury',
    'auditions',
    'applications',
    'students',
    'accounts',
    'catalogue',
    'notifications',
    'audit',
    'common',
    'config',
  ],
  // personal data: the register joins every room's declaration and runs export and erasure through their services
  privacy: EVERY_DOMAIN_ROOM,
  // the yearly figures: counts asked of every domain room's service (it has no tables of its own)
  reports: EVERY_DOMAIN_ROOM,
  // the pages: one room on top of every domain room, calling their services (never their tables)
  web: ['privacy', 'reports', ...EVERY_DOMAIN_ROOM],
  // the health check reads the shared connections only
  health: ['common', 'redis', 'config'],
};
const SHARED = ['config', 'redis', 'common'];
/**
 * Beyond a room's module and one service: the other services its module exports, and the pure rules and view
 * shapes the pages word for the reader (the same rule the API applies, never a copy of it).
 */
const PUBLIC_EXTRAS = [
  '^src/accounts/sessions\\.service\\.ts$',
  // a room's view shapes (what its service answers)
  '^src/[^/]+/[^/]+\\.mapper\\.ts$',
  '^src/applications/materials\\.service\\.ts$',
  '^src/applications/application-status\\.ts$',
  '^src/applications/eligibility\\.ts$',
  '^src/catalogue/requirements\\.ts$',
  '^src/students/school-year\\.ts$',
  '^src/projects/at-risk\\.ts$',
  // each room's declaration of the personal data it holds (joined by the privacy room's register)
  '^src/[^/]+/personal-data\\.ts$',
];
const DOMAIN = Object.keys(ROOMS).filter((room) => !SHARED.includes(room) && room !== 'health');
const ALL = [...Object.keys(ROOMS), 'database'];
const any = (rooms) => `^src/(${rooms.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A circle of imports (type-only imports count): one side must depend on the other, not both.',
      from: {},
      to: { circular: true },
    },
    ...Object.entries(ROOMS).map(([room, allowed]) => ({
      name: `layers-${room}`,
      severity: 'error',
      comment:
        `${room} may import only ${allowed.length ? allowed.join(', ') : 'no other room'} ` +
        '(a lower room never imports a higher one): see ROOMS in .dependency-cruiser.js and the README.',
      from: { path: `^src/${room}/` },
      to: { path: any(ALL.filter((r) => r !== room && !allowed.includes(r))) },
    })),
    {
      name: 'no-other-rooms-tables',
      severity: 'error',
      comment:
        "Another room's entity or repository is its tables: ask that room's service instead. " +
        'Only src/database/entities.ts registers every entity (TypeORM), by design.',
      from: { path: '^src/([^/]+)/', pathNot: '^src/database/' },
      to: { path: '^src/[^/]+/.*\\.(entity|repository)\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'only-other-rooms-public-surface',
      severity: 'error',
      comment:
        "From another room import only its module, its <room>.service.ts, its dto/ and *.types.ts: the rest is the room's inside.",
      from: { path: '^src/([^/]+)/' },
      to: {
        path: any(DOMAIN),
        pathNot: [
          '^src/$1/',
          '^src/([^/]+)/\\1\\.(module|service)\\.ts$',
          '^src/[^/]+/dto/',
          '^src/[^/]+/.*\\.types\\.ts$',
          ...PUBLIC_EXTRAS,
          // reported by no-other-rooms-tables
          '\\.(entity|repository)\\.ts$',
        ],
      },
    },
    {
      name: 'database-registers-entities-only',
      severity: 'error',
      comment:
        'src/database/ may take the entities of the rooms (TypeORM registration), nothing else of them.',
      from: { path: '^src/database/' },
      to: { path: any(DOMAIN), pathNot: '\\.entity\\.ts$' },
    },
    {
      name: 'src-not-to-tools',
      severity: 'error',
      comment: 'The application never imports the tools around it (tests, scripts, bench).',
      from: { path: '^src/' },
      to: { path: '^(test|scripts|bench)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
  },
};
