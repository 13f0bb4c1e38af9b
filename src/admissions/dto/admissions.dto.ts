import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { OUTCOMES, type Outcome } from '../decision.entity.js';
import { Trim } from '../../common/trim.js';

export class SetDecisionDto {
  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES, { message: `outcome must be one of ${OUTCOMES.join(', ')}` })
  outcome: Outcome;

  @ApiPropertyOptional({ description: 'Required when the outcome differs from the proposal' })
  @IsOptional()
  @Trim()
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
