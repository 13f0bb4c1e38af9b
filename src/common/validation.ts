import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorCode } from './errors.js';

export interface FieldProblem {
  field: string;
  messages: string[];
}

/** Flattens class-validator's tree into `[{field: "guardian.email", messages: [...]}]`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const message = details.flatMap((d) => d.messages).join('; ');
      return new DomainError(ErrorCode.ValidationFailed, message || 'The request is not valid', details);
    },
  });
}
