import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/pagination.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../application-status.js';
import { MATERIAL_KIND_NAMES } from '../materials.js';
import { Trim } from '../../common/trim.js';

export class RepertoirePieceDto {
  @ApiProperty({ example: 'Suite nr. 1 i G-dur, Prélude' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'each piece needs a title' })
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ example: 'J.S. Bach' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  composer?: string;

  @ApiPropertyOptional({ example: 3.5, description: 'Playing time in minutes' })
  @IsOptional()
  @IsNumber({}, { message: 'durationMinutes must be a number of minutes' })
  @Min(0.1)
  @Max(60)
  durationMinutes?: number;
}

export class UnavailabilityDto {
  @ApiProperty({ example: '2027-03-04T08:00:00+01:00' })
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 timestamp' })
  from: string;

  @ApiProperty({ example: '2027-03-04T12:00:00+01:00' })
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 timestamp' })
  to: string;
}

export class NamedPiecesDto {
  @ApiPropertyOptional({ example: 'Hamlet, "At være eller ikke være"' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  monologue?: string;

  @ApiPropertyOptional({ example: 'Jeg har en drøm (fra Les Misérables)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  song?: string;
}

export class CreateApplicationDto {
  @ApiProperty()
  @IsUUID('all', { message: 'intakeId must be the id of an intake' })
  intakeId: string;

  @ApiProperty({ example: 'classical' })
  @IsString()
  @IsNotEmpty({ message: 'track is required' })
  @MaxLength(40)
  track: string;

  @ApiProperty({ example: 'cello', description: 'Hovedfag: instrument, voice or discipline' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'mainSubject is required' })
  @MaxLength(100)
  mainSubject: string;

  @ApiPropertyOptional({ example: 'Jeg vil gerne …' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  motivation?: string;

  @ApiPropertyOptional({ type: [RepertoirePieceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => RepertoirePieceDto)
  repertoire?: RepertoirePieceDto[];

  @ApiPropertyOptional({ type: NamedPiecesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NamedPiecesDto)
  namedPieces?: NamedPiecesDto;

  @ApiPropertyOptional({ type: [UnavailabilityDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => UnavailabilityDto)
  unavailable?: UnavailabilityDto[];
}

export class UpdateApplicationDto extends PartialType(
  PickType(CreateApplicationDto, [
    'track',
    'mainSubject',
    'motivation',
    'repertoire',
    'namedPieces',
    'unavailable',
  ] as const),
) {}

export class UploadMaterialDto {
  @ApiProperty({ enum: MATERIAL_KIND_NAMES })
  @IsIn(MATERIAL_KIND_NAMES, { message: `kind must be one of ${MATERIAL_KIND_NAMES.join(', ')}` })
  kind: string;

  @ApiPropertyOptional({ description: 'For kind=video: the link to the video' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;
}

export class DispensationRequestDto {
  @ApiProperty({ example: 'Jeg fylder 14 den 20. august og har spillet cello i 6 år.' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'reason is required' })
  @MaxLength(2000)
  reason: string;
}

export class DispensationDecisionDto {
  @ApiProperty()
  @IsBoolean({ message: 'granted must be true or false' })
  granted: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ApplicationQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'intakeId must be a UUID' })
  intakeId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  track?: string;

  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES, { message: `status must be one of ${APPLICATION_STATUSES.join(', ')}` })
  status?: ApplicationStatus;

  @ApiPropertyOptional({ description: 'Main subject (instrument or discipline), exactly as applied for' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  mainSubject?: string;

  @ApiPropertyOptional({ description: "Staff: part of the applicant's name or e-mail (case-insensitive)" })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  q?: string;
}
