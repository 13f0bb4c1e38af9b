// Every e2e spec runs against its own database and Redis key prefix: never the demo's data.
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/academy_test';
process.env.QUEUE_PREFIX = process.env.TEST_QUEUE_PREFIX ?? 'academy-test';
process.env.TEST_CLOCK = '1';
process.env.OUTBOX_SWEEP_MS = '200';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.UPLOAD_DIR = process.env.UPLOAD_DIR ?? '/tmp/academy-test-uploads';
process.env.THROTTLE_AUTH_LIMIT = '100000';
process.env.THROTTLE_ACCOUNT_LIMIT = '100000';
process.env.THROTTLE_UPLOAD_LIMIT = '100000';
process.env.PASSWORD_COST_LOG2 = '12';
// Specs that read e-mail start their own SMTP sink and pass SMTP_URL; the others' mail goes nowhere.
process.env.SMTP_URL = 'smtp://127.0.0.1:9';
// Quick retries, and a lost queue job re-relayed within seconds rather than minutes.
process.env.NOTIFY_BACKOFF_MS = '50';
process.env.OUTBOX_RELAY_STALE_MS = '5000';
// The retention sweep deletes and anonymises by the clock across the whole database: only the personal-data
// spec turns it on, in its own app, so no other spec's rows change under it.
process.env.RETENTION_SWEEP = '0';
