import { toCopenhagenIso } from '../common/time.js';
import type { Notification, NotificationStatus } from './notification.entity.js';
import type { NotificationType } from './templates/index.js';

export interface NotificationView {
  id: string;
  type: NotificationType;
  to: string;
  guardianCopy: boolean;
  status: NotificationStatus;
  attempts: number;
  lastError?: string;
  sendAt: string;
  sentAt?: string;
  createdAt: string;
  applicationId?: string;
  topic?: string;
  resendOf?: string;
}

export function mapNotification(n: Notification): NotificationView {
  return {
    id: n.id,
    type: n.type,
    to: n.toAddress,
    guardianCopy: n.guardianCopy,
    status: n.status,
    attempts: n.attempts,
    ...(n.lastError ? { lastError: n.lastError } : {}),
    sendAt: toCopenhagenIso(n.sendAt),
    ...(n.sentAt ? { sentAt: toCopenhagenIso(n.sentAt) } : {}),
    createdAt: toCopenhagenIso(n.createdAt),
    ...(n.applicationId ? { applicationId: n.applicationId } : {}),
    ...(n.topic ? { topic: n.topic } : {}),
    ...(n.resendOf ? { resendOf: n.resendOf } : {}),
  };
}
