import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../common/auth.js';
import {
  NotificationIdParam,
  NotificationItem,
  NotificationPage,
  NotificationQuery,
} from './dto/notifications.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** The delivery log: every message, its state, attempts and last error. */
  @Get()
  @Roles('staff')
  @ApiOkResponse({ type: NotificationPage })
  list(@Query() query: NotificationQuery) {
    return this.notifications.list(query);
  }

  /** Queues a failed or sent message again (a sent one as a new message); 409 for pending or cancelled. */
  @Post(':id/resend')
  @HttpCode(202)
  @Roles('staff')
  @ApiAcceptedResponse({ type: NotificationItem })
  resend(@CurrentUser() user: AuthUser, @Param() params: NotificationIdParam) {
    return this.notifications.resend(user, params.id);
  }
}
