import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsSevenPointGrade, SEVEN_POINT_GRADES } from '../../common/grades.js';
import { PageQuery } from '../../common/pagination.js';
import {
  ENROLMENT_STATUSES,
  OUTCOME_KINDS,
  type EnrolmentStatus,
  type OutcomeKind,
} from '../enrolment.entity.js';
import { Trim } from '../../common/trim.js';

export class StudentQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['MGK', 'BGK', 'TGK'] })
  @IsOptional()
  @IsIn(['MGK', 'BGK', 'TGK'], { message: 'programme must be MGK, BGK or TGK' })
  programme?: string;

  @ApiPropertyOptional({ example: 2031, description: 'Intake year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  cohort?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 3, description: 'Current year of the course' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3)
  year?: number;

  @ApiPropertyOptional({ enum: ENROLMENT_STATUSES })
  @IsOptional()
  @IsIn(ENROLMENT_STATUSES)
  status?: EnrolmentStatus;
}

export class FiguresQuery {
  @ApiPropertyOptional({ example: 2031, description: 'Intake year; all cohorts when left out' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  cohort?: number;
}

export class SubjectGradeDto {
  @ApiProperty({ example: 'hovedfag: cello' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  subject: string;

  @ApiProperty({
    enum: SEVEN_POINT_GRADES,
    example: 10,
    description: '12, 10, 7, 4, 02, 00, −3 sent as numbers',
  })
  @IsSevenPointGrade()
  grade: number;
}

export class AnnualExamDto {
  @ApiProperty({ enum: [1, 2], description: 'The year the exam closes; must be the student’s current year' })
  @IsIn([1, 2], { message: 'year must be 1 or 2: annual exams are held after years 1 and 2' })
  year: number;

  @ApiProperty({ type: [SubjectGradeDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'subjects must list at least one subject with its grade' })
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => SubjectGradeDto)
  subjects: SubjectGradeDto[];

  @ApiProperty({ description: 'The staff decision: passed moves the student on, failed ends the course' })
  @IsBoolean()
  passed: boolean;
}

export class FinalExamDto {
  @ApiPropertyOptional({ enum: ['passed', 'failed'] })
  @IsOptional()
  @IsIn(['passed', 'failed'])
  result?: 'passed' | 'failed';

  @ApiPropertyOptional({
    enum: SEVEN_POINT_GRADES,
    example: 12,
    description: '12, 10, 7, 4, 02, 00, −3 sent as numbers',
  })
  @IsOptional()
  @IsSevenPointGrade()
  grade?: number;

  @ApiPropertyOptional({
    example: 'Lars Nielsen',
    description: 'The external examiner (gennemgående censor)',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  examiner?: string;

  @ApiPropertyOptional({ description: 'Waived: the student was admitted to a conservatory' })
  @IsOptional()
  @IsBoolean()
  waived?: boolean;

  @ApiPropertyOptional({ example: 'Det Jyske Musikkonservatorium' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  conservatory?: string;
}

export class OutcomeDto {
  @ApiProperty({ enum: OUTCOME_KINDS })
  @IsIn(OUTCOME_KINDS, { message: 'kind must be conservatory or other' })
  kind: OutcomeKind;

  @ApiPropertyOptional({ example: 'Det Kongelige Danske Musikkonservatorium' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  institution?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class LeaveDto {
  @ApiProperty({
    example: '2032-03-31',
    description:
      'The day the student left (YYYY-MM-DD): not before the intake year or the last annual exam, not after today',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'leftOn must be a date like 2032-03-31' })
  leftOn: string;

  @ApiProperty({ example: 'Vil koncentrere sig om gymnasiet', description: 'Why, as the student gave it' })
  @Trim()
  @IsString({ message: 'reason is required: why the student leaves' })
  @IsNotEmpty({ message: 'reason is required: why the student leaves' })
  @MaxLength(2000)
  reason: string;
}
