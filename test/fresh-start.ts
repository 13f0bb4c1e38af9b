import pg from 'pg';
import { Redis } from 'ioredis';

/**
 * Spec files share the test database and Redis prefix, one after another. Before each file: messages an
 * earlier file left scheduled are cancelled (a later file moving the clock years ahead would otherwise set
 * them all off in its own sink), and the queues, rate-limit counters and test clock of the prefix are cleared
 * (a job left active by a closed app would otherwise count as busy until bull's stalled check).
 */
beforeAll(async () => {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    await db.query(`UPDATE notifications SET status = 'cancelled' WHERE status = 'pending'`);
  } finally {
    await db.end();
  }
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
});
