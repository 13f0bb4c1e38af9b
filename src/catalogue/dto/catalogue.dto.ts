import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/pagination.js';
import { Trim } from '../../common/trim.js';

const DATE_DOC =
  'ISO-8601 timestamp with offset, or a date YYYY-MM-DD meaning that Copenhagen day: its end (23:59:59.999 local time) for closesAt and auditionsTo, its start for the other dates.';

export class QuotaDto {
  @ApiProperty({ example: 'classical' })
  @IsString({ message: 'track is required' })
  @MaxLength(40)
  track: string;

  @ApiProperty({ example: 'double bass', description: 'Main subject (hovedfag): instrument or discipline' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'mainSubject is required' })
  @MaxLength(100)
  mainSubject: string;

  @ApiProperty({ example: 1, minimum: 1, description: 'At most this many admitted with that main subject' })
  @IsInt({ message: 'max must be a whole number' })
  @Min(1, { message: 'max must be at least 1' })
  max: number;
}

export class CreateIntakeDto {
  @ApiProperty({ enum: ['MGK', 'BGK', 'TGK'] })
  @IsString({ message: 'programme is required' })
  @MaxLength(10)
  programme: string;

  @ApiProperty({
    example: 2027,
    description: 'The year the course starts (one intake per programme and year)',
  })
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2999)
  year: number;

  @ApiProperty({ example: '2026-11-01', description: DATE_DOC })
  @IsString({ message: 'opensAt is required' })
  opensAt: string;

  @ApiProperty({ example: '2027-02-01', description: DATE_DOC })
  @IsString({ message: 'closesAt is required' })
  closesAt: string;

  @ApiProperty({ example: '2027-02-15', description: DATE_DOC })
  @IsString({ message: 'auditionsFrom is required' })
  auditionsFrom: string;

  @ApiProperty({ example: '2027-04-15', description: DATE_DOC })
  @IsString({ message: 'auditionsTo is required' })
  auditionsTo: string;

  @ApiProperty({ example: '2027-05-01T12:00:00+02:00', description: DATE_DOC })
  @IsString({ message: 'resultsAt is required' })
  resultsAt: string;

  @ApiProperty({ example: 14, description: 'Days an admitted applicant has to answer an offer' })
  @IsInt({ message: 'offerResponseDays must be a whole number' })
  @Min(1)
  @Max(90)
  offerResponseDays: number;

  @ApiProperty({
    example: { classical: 12, rhythmic: 10, production: 6 },
    description: 'Seats per track of the programme; the intake offers exactly these tracks',
  })
  @IsObject({ message: 'seats must be an object like {"classical": 12}' })
  seats: Record<string, number>;

  @ApiPropertyOptional({ type: [QuotaDto], description: 'Ceilings per main subject within a track' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => QuotaDto)
  quotas?: QuotaDto[];

  @ApiPropertyOptional({ default: 14 })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(99)
  minAge?: number;

  @ApiPropertyOptional({ default: 25 })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(99)
  maxAge?: number;

  @ApiPropertyOptional({
    example: '2027-08-01',
    description: 'Day ages are counted on; default 1 August of year',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'ageReferenceDate must be a date like 2027-08-01' })
  ageReferenceDate?: string;
}

/**
 * Any fields of an intake except its programme. Before applications open anything may change; after,
 * only closesAt, auditionsFrom, auditionsTo and resultsAt, and only later (409 otherwise).
 */
export class UpdateIntakeDto extends PartialType(OmitType(CreateIntakeDto, ['programme'] as const)) {}

export class ListIntakesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only intakes whose application window contains now' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'open must be true or false' })
  open?: boolean;

  @ApiPropertyOptional({ example: 'MGK' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  programme?: string;

  @ApiPropertyOptional({ example: 2027 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  // The bounds of an intake's year: a huge whole number overflowed the integer column (500).
  @Min(2000)
  @Max(2999)
  year?: number;
}

export class CriterionDto {
  @ApiProperty({ example: 'sight-reading', description: 'Lower-case slug; the key juries score under' })
  @IsString({ message: 'key is required' })
  @MaxLength(40)
  key: string;

  @ApiProperty({ example: 'Prima vista' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'label is required' })
  @MaxLength(100)
  label: string;

  @ApiPropertyOptional({ example: 'Sight-reading' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  labelEn?: string;

  @ApiProperty({ example: 10, description: 'Relative weight, positive' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'weight must be a number' })
  @IsPositive({ message: 'weight must be positive' })
  weight: number;

  @ApiProperty({ example: 1 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'min must be a number' })
  min: number;

  @ApiProperty({ example: 10 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'max must be a number' })
  max: number;
}

export class RubricDto {
  @ApiProperty({ type: [CriterionDto] })
  @IsArray({ message: 'criteria must be a list' })
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];
}
