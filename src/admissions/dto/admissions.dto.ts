import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { OUTCOMES, type Outcome } from '../decision.entity.js';

export class SetDecisionDto {
  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES, { message: `outcome must be one of ${OUTCOMES.join(', ')}` })
  outcome: Outcome;

  @ApiPropertyOptional({ description: 'Required when the outcome differs from the proposal' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty({ message: 'reason must not be empty' })
  @MaxLength(2000)
  reason?: string;
}

export class WaitingListQuery {
  @ApiProperty({ example: 'classical' })
  @IsString()
  @IsNotEmpty({ message: 'track is required' })
  @MaxLength(40)
  track: string;
}
