import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counting the SQL statements of each HTTP request, for the benchmark (`BENCH_STATEMENTS=1`). Every statement
 * TypeORM sends (transaction statements included: START TRANSACTION, COMMIT, ROLLBACK) passes its logger; the
 * counting logger adds one to the request's counter, which the middleware keeps in AsyncLocalStorage and
 * answers in the `x-sql-statements` response header. Off by default: then neither is installed.
 */
interface Counter {
  statements: number;
  /** When capturing (the jury benchmark's bare replay): each statement with its parameters. */
  log?: Array<{ query: string; parameters?: unknown[] }>;
}
const requestCounter = new AsyncLocalStorage<Counter>();

export const STATEMENTS_HEADER = 'x-sql-statements';

/** A TypeORM logger that counts and otherwise stays silent (like the default with logging off). */
export class StatementCountingLogger implements TypeOrmLogger {
  logQuery(query: string, parameters?: unknown[]): void {
    const counter = requestCounter.getStore();
    if (!counter) return;
    counter.statements++;
    counter.log?.push({ query, parameters });
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

/** Runs fn and returns the SQL statements it sent (with the counting logger installed), e.g. to time them bare. */
export async function captureStatements<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; statements: Array<{ query: string; parameters?: unknown[] }> }> {
  const counter: Counter = { statements: 0, log: [] };
  const result = await requestCounter.run(counter, fn);
  return { result, statements: counter.log! };
}
