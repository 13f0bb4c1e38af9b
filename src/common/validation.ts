import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { DomainError, ErrorCode } from './errors.js';

/**
 * class-validator looks up a class's rules on every validation by filtering every rule of every class it knows
 * and testing each known class for inheritance: with this app's hundreds of DTO rules that was the largest part
 * of validating a small body such as a score (issue 22). The rules are declared once, when the classes load: the
 * lookups are remembered per class and options, and forgotten whenever a rule is added.
 */
function rememberValidationLookups(): void {
  type Storage = ReturnType<typeof getMetadataStorage>;
  const storage = getMetadataStorage() as Storage & { __remembered?: boolean };
  if (storage.__remembered) return;
  storage.__remembered = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let lookups = new Map<unknown, Map<string, ReturnType<Storage['getTargetValidationMetadatas']>>>();
  let groups = new WeakMap<object, ReturnType<Storage['groupByPropertyName']>>();
  storage.addValidationMetadata = (metadata) => {
    lookups = new Map();
    groups = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, wanted) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${wanted ? wanted.join('\u0000') : '-'}`;
    let byKey = lookups.get(target);
    if (!byKey) lookups.set(target, (byKey = new Map()));
    let found = byKey.get(key);
    if (!found) byKey.set(key, (found = lookup(target, schema, always, strictGroups, wanted)));
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let grouped = groups.get(metadata);
    if (!grouped) groups.set(metadata, (grouped = group(metadata)));
    return grouped;
  };
}

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
  rememberValidationLookups();
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
