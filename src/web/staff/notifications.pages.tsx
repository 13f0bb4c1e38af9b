import { Body, Get, Post, Query } from '@nestjs/common';
import { DomainError, ErrorCode } from '../../common/errors.js';
import { NOTIFICATION_STATUSES, type NotificationStatus } from '../../notifications/dto/notifications.dto.js';
import { NotificationsService } from '../../notifications/notifications.service.js';

type NotificationView = Awaited<ReturnType<NotificationsService['list']>>['items'][number];
import { ErrorSummary, Field } from '../components/form.js';
import { Alert, Button, Table } from '../components/ui.js';
import { dateTime } from '../format.js';
import type { FormBody } from '../form.js';
import { Layout } from '../layout/layout.js';
import { Ctx, Page, PageController, redirect, render, signedIn, type PageContext } from '../page.js';
import { offsetOf, oneOf, Pager, PeopleNav, RowForm, Select, textOf, UUID } from './people.components.js';

const LIMIT = 50;

interface LogFilter {
  q?: string;
  status?: NotificationStatus;
  offset: number;
}

function LogPage(props: {
  page: PageContext;
  filter: LogFilter;
  items: NotificationView[];
  total: number;
  notice?: string;
  message?: string;
}) {
  const { page, filter } = props;
  const { t, locale } = page;
  const s = t.staffPeople;
  const x = s.notifications;
  return (
    <Layout page={page} title={x.title}>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <ErrorSummary t={t} message={props.message} />
      <PeopleNav t={t} current="notifications" />
      <h1>{x.title}</h1>
      <p class="academy-wide">{x.intro}</p>
      <form method="get" action="/staff/notifications" class="academy-filters" role="search">
        <Field name="q" label={x.recipient} form={{ values: { q: filter.q ?? '' }, errors: {} }} t={t} />
        <Select
          name="status"
          label={x.status}
          value={filter.status ?? ''}
          options={[
            { value: '', label: x.anyStatus },
            ...NOTIFICATION_STATUSES.map((st) => ({ value: st, label: x.statuses[st] ?? st })),
          ]}
        />
        <Button variant="secondary">{s.filter}</Button>
      </form>
      <Table
        caption={x.list}
        head={[x.type, x.to, x.status, x.created, x.attempts, s.actions]}
        rowHeader
        empty={x.none}
        rows={props.items.map((n) => [
          x.types[n.type] ?? n.type,
          n.to ? (
            <>
              {n.to}
              {n.guardianCopy ? <> {x.guardianCopy}</> : null}
            </>
          ) : (
            x.erased
          ),
          <>
            {x.statuses[n.status] ?? n.status}
            {n.sentAt ? (
              <>
                <br />
                {dateTime(n.sentAt, locale)}
              </>
            ) : null}
            {n.lastError ? (
              <>
                <br />
                {x.error}: {n.lastError}
              </>
            ) : null}
          </>,
          dateTime(n.createdAt, locale),
          String(n.attempts),
          n.status === 'failed' && n.to ? (
            <RowForm
              csrf={page.csrfToken}
              action="/staff/notifications/resend"
              hidden={{ notificationId: n.id, q: filter.q, status: filter.status }}
            >
              <Button variant="secondary">
                {x.resend}
                <span class="sr-only">
                  {' '}
                  {x.types[n.type] ?? n.type}, {n.to}
                </span>
              </Button>
            </RowForm>
          ) : (
            ''
          ),
        ])}
      />
      <Pager
        t={t}
        path="/staff/notifications"
        query={{ q: filter.q, status: filter.status }}
        offset={filter.offset}
        limit={LIMIT}
        shown={props.items.length}
        total={props.total}
      />
    </Layout>
  );
}

/** The delivery log: every message and its state, searched by recipient; a failed one is sent again. */
@PageController()
export class StaffNotificationPages {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('staff/notifications')
  @Page('staff')
  async list(@Ctx() page: PageContext, @Query() query: Record<string, unknown>) {
    const notice = query.done === 'resent' ? page.t.staffPeople.notifications.resent : undefined;
    await this.answer(page, this.filterOf(query), { notice });
  }

  /** Sends a failed message again: the row's `notificationId` (the filters ride along to come back to them). */
  @Post('staff/notifications/resend')
  @Page('staff')
  async resend(@Ctx() page: PageContext, @Body() body: FormBody) {
    const id = typeof body.notificationId === 'string' ? body.notificationId : '';
    if (!UUID.test(id)) throw new DomainError(ErrorCode.NotFound, 'No such message');
    const filter = this.filterOf(body);
    try {
      await this.notifications.resend(signedIn(page), id);
      const params = new URLSearchParams({ done: 'resent' });
      if (filter.q) params.set('q', filter.q);
      if (filter.status) params.set('status', filter.status);
      redirect(page, `/staff/notifications?${params.toString()}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const message = page.locale === 'en' ? error.message : page.t.staffPeople.messages.notResendable;
      await this.answer(page, filter, { message }, error.status);
    }
  }

  private filterOf(query: Record<string, unknown>): LogFilter {
    return {
      q: textOf(query.q),
      status: oneOf(query.status, NOTIFICATION_STATUSES),
      offset: offsetOf(query.offset),
    };
  }

  private async answer(
    page: PageContext,
    filter: LogFilter,
    extra: { notice?: string; message?: string },
    status = 200,
  ) {
    const { items, total } = await this.notifications.list({ ...filter, limit: LIMIT });
    render(page, <LogPage page={page} filter={filter} items={items} total={total} {...extra} />, status);
  }
}
