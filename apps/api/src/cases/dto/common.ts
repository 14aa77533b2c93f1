import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateNested, ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';
import { IsPastInstant } from '../../http/validators';

type KeysOfUnion<U> = U extends unknown ? keyof U : never;
type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
type IsUnion<T> = [T] extends [UnionToIntersection<T>] ? false : true;

/**
 * What a request DTO `implements` for its command's data: the data type itself; for a union of
 * shapes told apart by one field (one body, validated field by field), every member's fields, each
 * optional, the types of one field joined. A DTO that drifts from its command does not compile.
 */
export type RequestBody<D> =
  IsUnion<D> extends true ? { [K in KeysOfUnion<D>]?: D extends unknown ? (K extends keyof D ? D[K] : never) : never } : D;

/**
 * A nested object of the body (never an array or a scalar), validated as `type`. Optional ones may
 * be left out; when sent they must be objects too.
 */
export function NestedObject(type: () => new () => object, options: { optional?: boolean } = {}): PropertyDecorator {
  return (target, key) => {
    if (options.optional) IsOptional()(target, key);
    else IsDefined()(target, key);
    IsObject()(target, key);
    ValidateNested()(target, key);
    Type(type)(target, key);
  };
}

/** A list of nested objects: an array whose every entry is an object validated as `type`. */
export function NestedObjects(type: () => new () => object): PropertyDecorator {
  return (target, key) => {
    IsObject({ each: true })(target, key);
    ValidateNested({ each: true })(target, key);
    Type(type)(target, key);
  };
}

export const FREE_TEXT_MAX = 10_000;
export const REGION_PATTERN = /^VR(0[1-9]|1\d|2[0-5])$/;

/** Every command may say when it happened; default now, never in the future. */
export class CommandDto {
  @ApiPropertyOptional({ description: 'When it happened (ISO 8601 instant). Default: now. May be in the past, never in the future.', example: '2026-11-01T09:00:00Z' })
  @IsOptional()
  @IsPastInstant()
  occurredAt?: string;
}

/** The field may only be sent together with `field === value` (for bodies that are unions). */
export function OnlyWhen(field: string, value: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'onlyWhen',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (v: unknown, args: ValidationArguments) => v === undefined || (args.object as Record<string, unknown>)[field] === value,
        defaultMessage: (args) => `${args?.property} is only allowed when ${field} is "${value}"`,
      },
    });
}
