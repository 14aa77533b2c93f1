import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';
import { IsPastInstant } from '../../http/validators';

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
