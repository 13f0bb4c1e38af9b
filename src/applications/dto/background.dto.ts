import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Trim } from '../../common/trim.js';
import {
  FEEDER_ANSWERS,
  GENDER_ANSWERS,
  type FeederAnswer,
  type GenderAnswer,
} from '../background.entity.js';

/**
 * The voluntary background questions (PUT /api/applications/:id/background replaces every answer): each one
 * optional, each with "prefer-not". Never shown to jurors, never used by any rule; only the yearly figures count them.
 */
export class BackgroundDto {
  @ApiPropertyOptional({ enum: GENDER_ANSWERS, description: 'self-described: say it in genderDescription' })
  @IsOptional()
  @IsIn(GENDER_ANSWERS, { message: `gender must be one of ${GENDER_ANSWERS.join(', ')}` })
  gender?: GenderAnswer;

  @ApiPropertyOptional({
    maxLength: 60,
    description: 'the applicant’s own words, with gender=self-described',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(60)
  genderDescription?: string;

  @ApiPropertyOptional({
    example: '851',
    description: 'three-digit kommunekode (GET /api/municipalities), or prefer-not',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(/^(\d{3}|prefer-not)$/, {
    message: 'municipalityCode must be a three-digit kommunekode or prefer-not',
  })
  municipalityCode?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'school or education, or prefer-not' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  school?: string;

  @ApiPropertyOptional({ enum: FEEDER_ANSWERS })
  @IsOptional()
  @IsIn(FEEDER_ANSWERS, { message: `feederCourse must be one of ${FEEDER_ANSWERS.join(', ')}` })
  feederCourse?: FeederAnswer;

  @ApiPropertyOptional({ maxLength: 200, description: 'where the talent class or other course was' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  feederCourseWhere?: string;
}
