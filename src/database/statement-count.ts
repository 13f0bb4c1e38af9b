import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counting the SQL statements of each HTTP request, for the benchmark (`BENCH_STATEMENTS=1`). Every statement
 * TypeORM sends (transaction statements included: START TRANSACTION, COMMIT, ROLLBACK) passes its logger; the
 * counting logger adds one to the request's counter, which the middleware keeps in AsyncLocalStorage and
 * answers in the `x-sql-statements` response header. Off by default: then neither is installed.
 */
const requestCounter = new AsyncLocalStorage<{ statements: number }>();

export const STATEMENTS_HEADER = 'x-sql-statements';

/** A TypeORM logger that counts and otherwise stays silent (like the default with logging off). */
export class StatementCountingLogger implements TypeOrmLogger {
  logQuery(): void {
    const counter = requestCounter.getStore();
    if (counter) counter.statements++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/** Express middleware: a counter per request, answered in the x-sql-statements header. */
export function countStatementsPerRequest(_req: Request, res: Response, next: NextFunction): void {
  const counter = { statements: 0 };
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
    if (!this.headersSent) this.setHeader(STATEMENTS_HEADER, String(counter.statements));
    return writeHead.apply(this, args);
  } as Response['writeHead'];
  requestCounter.run(counter, next);
}
