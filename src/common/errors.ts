import { HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';

/** Machine-readable error codes; clients switch on these, people read the message. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  AlreadyExists = 'ALREADY_EXISTS',
  InvalidState = 'INVALID_STATE',
  DeadlinePassed = 'DEADLINE_PASSED',
  NotYet = 'NOT_YET',
  Locked = 'LOCKED',
  Incomplete = 'INCOMPLETE',
  EmailNotVerified = 'EMAIL_NOT_VERIFIED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  RangeNotSatisfiable = 'RANGE_NOT_SATISFIABLE',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_ERROR',
}

const STATUS: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.Conflict]: HttpStatus.CONFLICT,
  [ErrorCode.AlreadyExists]: HttpStatus.CONFLICT,
  [ErrorCode.InvalidState]: HttpStatus.CONFLICT,
  [ErrorCode.DeadlinePassed]: HttpStatus.CONFLICT,
  [ErrorCode.NotYet]: HttpStatus.CONFLICT,
  [ErrorCode.Locked]: HttpStatus.CONFLICT,
  [ErrorCode.Incomplete]: HttpStatus.CONFLICT,
  [ErrorCode.EmailNotVerified]: HttpStatus.FORBIDDEN,
  [ErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.UnsupportedMediaType]: HttpStatus.BAD_REQUEST,
  [ErrorCode.RangeNotSatisfiable]: HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
  [ErrorCode.TooManyRequests]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.ServiceUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.Internal]: HttpStatus.INTERNAL_SERVER_ERROR,
};

export function statusOf(code: ErrorCode): HttpStatus {
  return STATUS[code];
}

/** The code a plain HTTP status stands for, when a library (not our code) raised it. */
export function codeForStatus(status: number): ErrorCode {
  const found = (Object.entries(STATUS) as [ErrorCode, HttpStatus][]).find(([, s]) => s === status);
  if (status === HttpStatus.CONFLICT) return ErrorCode.Conflict;
  return found ? found[0] : status >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed;
}

/** A rule of the academy said no. Thrown by services, turned into HTTP by the one exception filter. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): HttpStatus {
    return statusOf(this.code);
  }
}

export const notFound = (what: string, id?: string) =>
  new DomainError(ErrorCode.NotFound, id ? `No ${what} with id ${id}` : `No such ${what}`);

export const forbidden = (message = 'You may not do this') => new DomainError(ErrorCode.Forbidden, message);

export const invalid = (field: string, message: string) =>
  new DomainError(ErrorCode.ValidationFailed, message, [{ field, messages: [message] }]);

/** Whether PostgreSQL refused a write for breaking a unique index (optionally: that one). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return isViolation(error, '23505', constraint);
}

/** Whether PostgreSQL refused a write for breaking an exclusion constraint (e.g. two slots in one room at once). */
export function isExclusionViolation(error: unknown, constraint?: string): boolean {
  return isViolation(error, '23P01', constraint);
}

function isViolation(error: unknown, sqlState: string, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === sqlState && (constraint === undefined || driver.constraint === constraint);
}
