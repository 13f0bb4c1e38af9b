import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { CONFLICT_KINDS, type ConflictKind } from '../conflict.entity.js';
import { IsSevenPointGrade, SEVEN_POINT_GRADES } from '../../common/grades.js';
import { Trim } from '../../common/trim.js';

export class ScoreDto {
  @ApiProperty({
    example: {
      technique: 8,
      'musical-expression': 7,
      interpretation: 7,
      'ear-training': 6,
      'sight-reading': 5,
      ensemble: 8,
    },
    description: "Every key of the round's rubric, each within its min..max; no other keys",
  })
  @IsObject({ message: 'criteria must be an object: {<rubric key>: number}' })
  criteria: Record<string, unknown>;

  @ApiProperty({
    enum: SEVEN_POINT_GRADES,
    example: 7,
    description: '12, 10, 7, 4, 02, 00, −3 sent as numbers',
  })
  @IsSevenPointGrade()
  grade: number;

  @ApiPropertyOptional({ example: 'Sikker intonation, lidt forsigtig i Fauré.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}

/** A correction by the panel's chair or staff: the juror's whole new score and why it changes (audited). */
export class ScoreCorrectionDto extends ScoreDto {
  @ApiProperty({ example: 'Censor tastede 4 i stedet for 7 for teknik; rettet efter aftale med censor.' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'reason is required: why the score changes' })
  @MaxLength(2000)
  reason: string;
}

export class ConflictDto {
  @ApiPropertyOptional({ description: 'Staff: the panel member concerned. A juror: omit, or their own id' })
  @IsOptional()
  @IsUUID('all', { message: 'jurorId must be the id of a member of the panel' })
  jurorId?: string;

  @ApiPropertyOptional({ enum: CONFLICT_KINDS, default: 'other' })
  @IsOptional()
  @IsIn(CONFLICT_KINDS, { message: `kind must be one of ${CONFLICT_KINDS.join(', ')}` })
  kind?: ConflictKind;

  @ApiProperty({ example: 'Jeg har undervist ansøgeren i klaver i to år.' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'reason is required' })
  @MaxLength(2000)
  reason: string;
}

export class ResultDto {
  @ApiProperty({ enum: SEVEN_POINT_GRADES, example: 10, description: "The panel's agreed grade" })
  @IsSevenPointGrade()
  grade: number;

  @ApiProperty({ example: true })
  @IsBoolean({ message: 'passed must be true or false' })
  passed: boolean;

  @ApiPropertyOptional({ example: 'Enige om 10; stærk teknik.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class ReopenDto {
  @ApiProperty({ example: 'Censor tastede forkert karakter for fortolkning.' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'reason is required' })
  @MaxLength(2000)
  reason: string;
}

export class RankingQuery {
  @ApiPropertyOptional({ enum: ['none', 'zscore'], default: 'none' })
  @IsOptional()
  @IsIn(['none', 'zscore'], { message: 'normalize must be none or zscore' })
  normalize?: 'none' | 'zscore';
}

export class FlagsQuery {
  @ApiProperty()
  @IsUUID('all', { message: 'roundId must be the id of a round' })
  roundId: string;
}
