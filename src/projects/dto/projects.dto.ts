import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsSevenPointGrade, SEVEN_POINT_GRADES } from '../../common/grades.js';
import { PageQuery } from '../../common/pagination.js';
import { PROJECT_STATUSES, type ProjectStatus } from '../project-status.js';
import { PROJECT_FORMATS, type ProjectFormat } from '../project.entity.js';
import { Trim } from '../../common/trim.js';

const DATE = 'a calendar date like 2034-04-20';
const PROJECT_SORTS = ['presentation', 'risk'] as const;

export class ProposeProjectDto {
  @ApiProperty({ example: 'Nordiske stemmer' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ description: 'The artistic goal', example: 'At finde min egen klang i nordisk kammermusik' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  goal: string;

  @ApiProperty()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  description: string;

  @ApiProperty({ enum: PROJECT_FORMATS })
  @IsIn(PROJECT_FORMATS, { message: `format must be one of ${PROJECT_FORMATS.join(', ')}` })
  format: ProjectFormat;

  @ApiProperty({ example: '2034-04-20', description: 'Planned presentation date (Copenhagen)' })
  @IsString()
  @Trim()
  presentationDate: string;
}

export class ResubmitProjectDto extends PartialType(ProposeProjectDto) {}

export class ProjectQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only projects at risk, each with its reasons' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'atRisk must be true or false' })
  atRisk?: boolean;

  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional({
    enum: PROJECT_SORTS,
    description: 'presentation (default): by presentation date; risk: those at risk first, longest first',
  })
  @IsOptional()
  @IsIn(PROJECT_SORTS, { message: `sort must be one of ${PROJECT_SORTS.join(', ')}` })
  sort?: (typeof PROJECT_SORTS)[number];
}

export class PresentationsQuery {
  @ApiProperty({ example: 2041, description: 'The school year starting 1 August of this year' })
  @Type(() => Number)
  @IsInt({ message: 'schoolYear must be a year like 2041' })
  @Min(2000, { message: 'schoolYear must be a year like 2041' })
  @Max(2999, { message: 'schoolYear must be a year like 2041' })
  schoolYear: number;
}

export class AssignSupervisorDto {
  @ApiProperty({ description: 'A teacher’s user id' })
  @IsUUID('all', { message: 'teacherId must be the id of a teacher' })
  teacherId: string;
}

export class ReturnProjectDto {
  @ApiProperty({ example: 'Beskriv repertoiret nærmere.' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'comment is required: tell the student what to change' })
  @MaxLength(4000)
  comment: string;
}

export class AssessmentDto {
  @ApiProperty({
    enum: SEVEN_POINT_GRADES,
    example: 10,
    description: '12, 10, 7, 4, 02, 00, −3 sent as numbers',
  })
  @IsSevenPointGrade()
  grade: number;

  @ApiProperty({ example: 'Lars Nielsen' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  examiner: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class MilestoneDto {
  @ApiProperty({ example: 'Program og tekster klar' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '2033-11-15', description: DATE })
  @IsString()
  @Trim()
  dueDate: string;
}

export class UpdateMilestoneDto extends PartialType(MilestoneDto) {
  @ApiPropertyOptional({
    example: 'Koncertsalen er optaget i november.',
    description:
      'Why the due date moves: required when the supervisor or staff move a due date after approval; the student is e-mailed it',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class CheckInDto {
  @ApiProperty({ example: 'Godt i gang med programmet.' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  note: string;

  @ApiProperty()
  @IsBoolean({ message: 'onTrack must be true or false' })
  onTrack: boolean;
}
