import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination.js';
import { Trim } from '../../common/trim.js';

export const ERASURE_STATUSES = ['requested', 'carried_out', 'refused'] as const;

export class ErasureRequestDto {
  @ApiPropertyOptional({ description: 'Why, in the person’s own words (optional; erased with the rest)' })
  @IsOptional()
  @Trim()
  @IsString({ message: 'reason must be text' })
  @MaxLength(2000)
  reason?: string;
}

export class RefuseErasureDto {
  @ApiProperty({
    example:
      'Elevens oplysninger skal opbevares efter musikskoleloven, så længe skolen er forpligtet til det',
    description: 'The legal reason for keeping the data',
  })
  @Trim()
  @IsString({ message: 'reason is required: the legal reason for keeping the data' })
  @IsNotEmpty({ message: 'reason is required: the legal reason for keeping the data' })
  @MaxLength(2000)
  reason: string;
}

export class ErasureQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ERASURE_STATUSES })
  @IsOptional()
  @IsIn(ERASURE_STATUSES, { message: `status must be one of ${ERASURE_STATUSES.join(', ')}` })
  status?: (typeof ERASURE_STATUSES)[number];
}

export class IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

export class PrivacyNoticeQuery {
  @ApiPropertyOptional({ enum: ['da', 'en'], default: 'da' })
  @IsOptional()
  @IsIn(['da', 'en'], { message: 'lang must be "da" or "en"' })
  lang?: 'da' | 'en';
}

export class ErasureRequestItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty() role: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ enum: ERASURE_STATUSES }) status: string;
  @ApiPropertyOptional() refusalReason?: string;
  @ApiPropertyOptional({ format: 'uuid' }) decidedBy?: string;
  @ApiPropertyOptional({ format: 'date-time' }) decidedAt?: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ErasureRequestPage {
  @ApiProperty({ type: [ErasureRequestItem] }) items: ErasureRequestItem[];
  @ApiProperty() total: number;
}
