import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PANEL_ROLES, type PanelRole } from '../panel.entity.js';
import { ROUND_KINDS, type RoundKind } from '../round.entity.js';
import { Trim } from '../../common/trim.js';

export class CreateRoundDto {
  @ApiProperty({ example: 'classical' })
  @IsString()
  @IsNotEmpty({ message: 'track is required' })
  @MaxLength(40)
  track: string;

  @ApiProperty({ enum: ROUND_KINDS })
  @IsIn(ROUND_KINDS, { message: `kind must be one of ${ROUND_KINDS.join(', ')}` })
  kind: RoundKind;

  @ApiProperty({ example: 1, description: '1 for the first round of the track' })
  @IsInt({ message: 'order must be a whole number' })
  @Min(1)
  @Max(10)
  order: number;

  @ApiProperty({ example: 'Optagelsesprøve' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(120)
  name: string;
}

export class PanelMemberDto {
  @ApiProperty()
  @IsUUID('all', { message: 'userId must be the id of a juror' })
  userId: string;

  @ApiProperty({ enum: PANEL_ROLES })
  @IsIn(PANEL_ROLES, { message: `role must be one of ${PANEL_ROLES.join(', ')}` })
  role: PanelRole;
}

export class CreatePanelDto {
  @ApiProperty({ example: 'Panel A' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(120)
  name: string;

  @ApiProperty({ type: [PanelMemberDto] })
  @IsArray()
  @ArrayMinSize(2, { message: 'members must name at least the chair and one more' })
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => PanelMemberDto)
  members: PanelMemberDto[];
}

export class ReplacePanelMemberDto {
  @ApiProperty({ description: 'The juror who takes the seat (and its role)' })
  @IsUUID('all', { message: 'userId must be the id of a juror' })
  userId: string;
}

export class CreateSlotsDto {
  @ApiProperty()
  @IsUUID('all', { message: 'panelId must be the id of a panel of this round' })
  panelId: string;

  @ApiProperty({ example: 'Aalborg Kulturskole' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'venue is required' })
  @MaxLength(120)
  venue: string;

  @ApiProperty({ example: 'Sal 2' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'room is required' })
  @MaxLength(120)
  room: string;

  @ApiProperty({ example: '2027-03-04T09:00:00+01:00' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO-8601 timestamp with offset' })
  startsAt: string;

  @ApiProperty({ example: 25 })
  @IsInt({ message: 'durationMinutes must be a whole number' })
  @Min(5)
  @Max(240)
  durationMinutes: number;

  @ApiProperty({ example: 8, description: 'How many consecutive slots' })
  @IsInt({ message: 'count must be a whole number' })
  @Min(1)
  @Max(100)
  count: number;
}

export class AdvanceDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true, message: 'applicationIds must be application ids' })
  applicationIds: string[];
}

export class MoveAuditionDto {
  @ApiProperty()
  @IsUUID('all', { message: 'slotId must be the id of a slot of this round' })
  slotId: string;
}

export class RescheduleRequestDto {
  @ApiProperty({ example: 'Jeg har terminsprøve den dag.' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'reason is required' })
  @MaxLength(2000)
  reason: string;
}

export class RescheduleDecisionDto {
  @ApiPropertyOptional({ description: 'Accepting: the new slot' })
  @IsOptional()
  @IsUUID('all', { message: 'slotId must be the id of a slot of this round' })
  slotId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
