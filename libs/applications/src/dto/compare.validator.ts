import { type ValidationArguments, type ValidationOptions, registerDecorator } from 'class-validator';

/**
 * `@IsNotLessThan('min')` on `max`: when both are present, this value must not be less than the named
 * sibling (numbers, or ISO date strings compared as instants). Absent values are left to other rules.
 */
export function IsNotLessThan(property: string, options?: ValidationOptions & { strict?: boolean }) {
  return (target: object, propertyName: string) => {
    registerDecorator({
      name: options?.strict ? 'isGreaterThan' : 'isNotLessThan',
      target: target.constructor,
      propertyName,
      constraints: [property],
      options: {
        message: (args: ValidationArguments) =>
          `${args.property} must be ${options?.strict ? 'later than' : 'at least'} ${args.constraints[0]}`,
        ...options,
      },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[args.constraints[0] as string];
          const a = comparable(value);
          const b = comparable(other);
          if (a === undefined || b === undefined) return true;
          return options?.strict ? a > b : a >= b;
        },
      },
    });
  };
}

function comparable(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const time = Date.parse(value);
    return Number.isNaN(time) ? undefined : time;
  }
  return undefined;
}
