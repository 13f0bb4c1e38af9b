import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
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

export const ANSWER_CHANNELS = ['phone', 'in_person', 'letter'] as const;
export type AnswerChannel = (typeof ANSWER_CHANNELS)[number];

/** Staff record an answer the applicant (or their guardian) gave by phone, in person or by letter. */
export class RecordOfferAnswerDto {
  @ApiProperty({ enum: ['accepted', 'declined'] })
  @IsIn(['accepted', 'declined'], { message: 'answer must be accepted or declined' })
  answer: 'accepted' | 'declined';

  @ApiProperty({ enum: ANSWER_CHANNELS })
  @IsIn(ANSWER_CHANNELS, { message: `channel must be one of ${ANSWER_CHANNELS.join(', ')}` })
  channel: AnswerChannel;

  @ApiProperty({ example: 'Maja selv', description: 'Who gave the answer (the applicant, a guardian, ...)' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'answeredBy is required: say who gave the answer' })
  @MaxLength(200)
  answeredBy: string;

  @ApiPropertyOptional({ example: 'Ringede 10.15, har fået plads på et andet MGK' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** A later last day to answer one offer (23:59 Copenhagen time that day). */
export class ExtendOfferDto {
  @ApiProperty({ example: '2027-05-20', description: 'The new last day (a date, Copenhagen)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deadline must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'deadline must be a real date (YYYY-MM-DD)' })
  deadline: string;

  @ApiProperty({ example: 'Venter på svar fra en anden skole' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'reason is required' })
  @MaxLength(2000)
  reason: string;
}
