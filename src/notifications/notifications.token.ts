/**
 * Injection token for NotificationsService, for rooms that NotificationsService itself depends on
 * (accounts): they inject by this token and `import type` the class, so no import cycle forms.
 */
export const NOTIFICATIONS = Symbol('NotificationsService');
