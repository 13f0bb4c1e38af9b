import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { codeForStatus, DomainError, ErrorCode } from './errors.js';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown[];
  requestId?: string;
}

/** Errors raised by body-parser and multer before our code runs: they carry a status and are safe to show. */
interface ExpressError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
  expose?: boolean;
}

const EXPRESS_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON',
  'entity.too.large': 'The request body is too large',
  LIMIT_FILE_SIZE: 'The file is larger than allowed',
};

/** The one place where an error becomes an HTTP answer: the documented shape, never internals. */
/** Answers an error in another form (a web page) and says so, or returns false to leave it to the JSON body. */
export type ErrorFallback = (request: Request, response: Response, exception: unknown) => boolean;

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  constructor(private readonly fallback?: ErrorFallback) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    if (this.fallback?.(request, response, exception)) return;
    const body = this.toBody(exception);
    body.requestId = request?.id ? String(request.id) : undefined;
    if (body.statusCode >= 500) {
      const stack = exception instanceof Error ? exception.stack : String(exception);
      this.logger.error({ requestId: body.requestId, err: exception }, stack);
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const raw = typeof res === 'string' ? res : (res as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
      if (status >= 500) return this.internal();
      return { statusCode: status, code: codeForStatus(status), message };
    }
    const express = exception as ExpressError | undefined;
    const status = express?.status ?? express?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const key = express?.type ?? express?.code ?? '';
      return {
        statusCode: status,
        code: codeForStatus(status),
        message: EXPRESS_MESSAGES[key] ?? 'The request could not be read',
      };
    }
    return this.internal();
  }

  private internal(): ErrorBody {
    return {
      statusCode: 500,
      code: ErrorCode.Internal,
      message: 'Something went wrong on our side. Quote the request id if you contact the academy.',
    };
  }
}
