import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination.js';
import { Trim } from '../../common/trim.js';
import { NOTIFICATION_STATUSES, type NotificationStatus } from '../notification.entity.js';

// The states a message can be in, for pages that filter by them (other rooms don't import the entity).
export { NOTIFICATION_STATUSES, type NotificationStatus };
import { NOTIFICATION_TYPES, type NotificationType } from '../templates/index.js';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'applicationId must be a UUID' })
  applicationId?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES, { message: `status must be one of ${NOTIFICATION_STATUSES.join(', ')}` })
  status?: NotificationStatus;

  @ApiPropertyOptional({ enum: NOTIFICATION_TYPES })
  @IsOptional()
  @IsIn(NOTIFICATION_TYPES, { message: 'type must be a notification type' })
  type?: NotificationType;

  @ApiPropertyOptional({ description: "Part of the recipient's e-mail address or name", example: 'jensen' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class NotificationIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

export class NotificationItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES }) type: string;
  @ApiProperty({ description: 'Recipient address' }) to: string;
  @ApiProperty({ description: "A minor's guardian's copy" }) guardianCopy: boolean;
  @ApiProperty({ enum: NOTIFICATION_STATUSES }) status: string;
  @ApiProperty({ description: 'SMTP attempts of the current delivery' }) attempts: number;
  @ApiPropertyOptional() lastError?: string;
  @ApiProperty({ format: 'date-time' }) sendAt: string;
  @ApiPropertyOptional({ format: 'date-time' }) sentAt?: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ format: 'uuid' }) applicationId?: string;
  @ApiPropertyOptional() topic?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'For a resend of a sent message: the first one' })
  resendOf?: string;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationItem] }) items: NotificationItem[];
  @ApiProperty() total: number;
}
