import type { HandoverInput, MonitoringInput } from '@zicht/case-domain';
import { HANDOVER_KINDS, HandoverKind, MONITORING_BY, MonitoringBy } from '@zicht/case-domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { CommandDto, FREE_TEXT_MAX, NestedObject, OnlyWhen, RequestBody } from './common';

// The parts Veilig Thuis' decisions share: to whom a case is handed over, and who monitors from now on.

export class HandoverDto implements HandoverInput {
  @ApiProperty({ description: 'The organisation that takes the case over', example: 'lokaal-team-noord' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  organisation: string;

  @ApiProperty({ enum: HANDOVER_KINDS, description: 'What kind of party it is' })
  @IsIn(HANDOVER_KINDS)
  kind: HandoverKind;
}

export class MonitoringPartyDto {
  @ApiProperty({ description: 'The organisation that monitors from now on', example: 'lokaal-team-noord' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  organisation: string;
}

/** `{ by: "veilig-thuis" }` (the default) or `{ by: "overgedragen", to, reason }`; a handover without party or reason is a Meldcode rule (vt.monitoring-handover-requires-reason, 422). */
export class MonitoringDto implements RequestBody<MonitoringInput> {
  @ApiProperty({ enum: MONITORING_BY, description: 'Veilig Thuis keeps monitoring (default), or hands it over' })
  @IsIn(MONITORING_BY)
  by: MonitoringBy;

  @ApiPropertyOptional({ type: MonitoringPartyDto, description: 'by "overgedragen": to whom (required by the rule)' })
  @ValidateIf((o: MonitoringDto) => o.to !== undefined)
  @OnlyWhen('by', 'overgedragen')
  @NestedObject(() => MonitoringPartyDto, { optional: true })
  to?: MonitoringPartyDto;

  @ApiPropertyOptional({ description: 'by "overgedragen": why (personal data; required by the rule)', maxLength: FREE_TEXT_MAX })
  @IsOptional()
  @OnlyWhen('by', 'overgedragen')
  @IsString()
  @MaxLength(FREE_TEXT_MAX)
  reason?: string;
}

/** What a veiligheidsbeoordeling and an onderzoek both decide with: a handover, who monitors, and why. */
export abstract class VeiligThuisDecisionDto extends CommandDto {
  @ApiPropertyOptional({ type: HandoverDto, description: 'decision "overdracht" only, and required with it (rule vt.handover-requires-party)' })
  @OnlyWhen('decision', 'overdracht')
  @NestedObject(() => HandoverDto, { optional: true })
  handoverTo?: HandoverDto;

  @ApiPropertyOptional({ type: MonitoringDto, description: 'Who monitors from now on; default { by: "veilig-thuis" }' })
  @NestedObject(() => MonitoringDto, { optional: true })
  monitoring?: MonitoringDto;

  @ApiProperty({ description: 'Why (personal data)', maxLength: FREE_TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  rationale: string;
}
