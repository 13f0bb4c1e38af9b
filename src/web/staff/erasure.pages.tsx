import { Body, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { DomainError, ErrorCode } from '../../common/errors.js';
import { ERASURE_STATUSES, RefuseErasureDto } from '../../privacy/dto/privacy.dto.js';
import { PrivacyService } from '../../privacy/privacy.service.js';
import { ErrorSummary, Field, Form, type FormState } from '../components/form.js';
import { Alert, Button, Table } from '../components/ui.js';
import { dateTime } from '../format.js';
import { formFromError, validateForm, type FormBody } from '../form.js';
import { Layout } from '../layout/layout.js';
import { Ctx, Page, PageController, redirect, render, signedIn, type PageContext } from '../page.js';
import { inPeopleWords, offsetOf, oneOf, Pager, PeopleNav, Select } from './people.components.js';

type ErasureView = Awaited<ReturnType<PrivacyService['getRequest']>>;
type ErasureStatus = (typeof ERASURE_STATUSES)[number];

const uuid = new ParseUUIDPipe({ version: undefined });
const LIMIT = 50;

function RequestsPage(props: {
  page: PageContext;
  status?: ErasureStatus;
  offset: number;
  items: ErasureView[];
  total: number;
  notice?: string;
}) {
  const { page } = props;
  const { t, locale } = page;
  const s = t.staffPeople;
  const x = s.erasure;
  return (
    <Layout page={page} title={x.title}>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <PeopleNav t={t} current="erasure" />
      <h1>{x.title}</h1>
      <p class="academy-wide">{x.intro}</p>
      <form method="get" action="/staff/erasure-requests" class="academy-filters" role="search">
        <Select
          name="status"
          label={x.status}
          value={props.status ?? ''}
          options={[
            { value: '', label: s.notifications.anyStatus },
            ...ERASURE_STATUSES.map((st) => ({ value: st, label: x.statuses[st] })),
          ]}
        />
        <Button variant="secondary">{s.filter}</Button>
      </form>
      <Table
        caption={x.list}
        head={[x.person, x.role, x.asked, x.reason, x.status, s.actions]}
        rowHeader
        empty={x.none}
        rows={props.items.map((r) => [
          <>
            {r.name}
            {r.email ? (
              <>
                <br />
                {r.email}
              </>
            ) : null}
          </>,
          s.roles[r.role] ?? t.me.roles[r.role] ?? r.role,
          dateTime(r.createdAt, locale),
          r.reason ?? '',
          <>
            {x.statuses[r.status] ?? r.status}
            {r.refusalReason ? (
              <>
                <br />
                {r.refusalReason}
              </>
            ) : null}
          </>,
          r.status === 'requested' ? (
            <>
              <a href={`/staff/erasure-requests/${r.id}/carry-out`}>
                {x.carryOut}
                <span class="sr-only"> ({r.name})</span>
              </a>
              {' · '}
              <a href={`/staff/erasure-requests/${r.id}/refuse`}>
                {x.refuse}
                <span class="sr-only"> ({r.name})</span>
              </a>
            </>
          ) : (
            ''
          ),
        ])}
      />
      <Pager
        t={t}
        path="/staff/erasure-requests"
        query={{ status: props.status ?? 'all' }}
        offset={props.offset}
        limit={LIMIT}
        shown={props.items.length}
        total={props.total}
      />
    </Layout>
  );
}

/** Carry out or refuse: the request, what will happen, one form. */
function AnswerPage(props: {
  page: PageContext;
  request: ErasureView;
  refuse: boolean;
  form?: FormState;
  message?: string;
}) {
  const { page, request: r } = props;
  const { t, locale } = page;
  const x = t.staffPeople.erasure;
  const title = props.refuse ? x.refuseTitle(r.name) : x.carryOutTitle(r.name);
  return (
    <Layout page={page} title={title}>
      <ErrorSummary form={props.form} t={t} message={props.message} />
      <PeopleNav t={t} current="erasure" />
      <h1>{title}</h1>
      <p>
        {x.asked}: {dateTime(r.createdAt, locale)}
        {r.reason ? (
          <>
            <br />
            {x.reason}: {r.reason}
          </>
        ) : null}
      </p>
      {r.status !== 'requested' ? (
        <Alert kind="info">{x.decided}</Alert>
      ) : props.refuse ? (
        <>
          <p>{x.refuseText}</p>
          <Form csrf={page.csrfToken} action={`/staff/erasure-requests/${r.id}/refuse`}>
            <Field
              name="reason"
              label={x.refusalReason}
              multiline
              rows={4}
              maxLength={2000}
              form={props.form}
              t={t}
            />
            <Button>{x.refuseConfirm}</Button>
          </Form>
        </>
      ) : (
        <>
          <p>{x.carryOutText}</p>
          <Form csrf={page.csrfToken} action={`/staff/erasure-requests/${r.id}/carry-out`}>
            <Button variant="warning">{x.carryOutConfirm}</Button>
          </Form>
        </>
      )}
      <p>
        <a href="/staff/erasure-requests">{t.staffPeople.back}</a>
      </p>
    </Layout>
  );
}

/** Requests for erasure (the privacy room decides what may be erased; these pages only ask it). */
@PageController()
export class StaffErasurePages {
  constructor(private readonly privacy: PrivacyService) {}

  /** Waiting requests first of all: `?status=` picks another state, `all` every request. */
  @Get('staff/erasure-requests')
  @Page('staff')
  async list(@Ctx() page: PageContext, @Query() query: Record<string, unknown>) {
    const status = query.status === undefined ? 'requested' : oneOf(query.status, ERASURE_STATUSES);
    const offset = offsetOf(query.offset);
    const x = page.t.staffPeople.erasure;
    const notice =
      query.done === 'carried-out' ? x.carriedOut : query.done === 'refused' ? x.refused : undefined;
    const { items, total } = await this.privacy.listRequests({ status, limit: LIMIT, offset });
    render(
      page,
      <RequestsPage
        page={page}
        status={status}
        offset={offset}
        items={items}
        total={total}
        notice={notice}
      />,
    );
  }

  @Get('staff/erasure-requests/:id/carry-out')
  @Page('staff')
  async confirmCarryOut(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    render(page, <AnswerPage page={page} request={await this.privacy.getRequest(id)} refuse={false} />);
  }

  @Post('staff/erasure-requests/:id/carry-out')
  @Page('staff')
  async carryOut(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    try {
      await this.privacy.carryOut(signedIn(page), id);
      redirect(page, '/staff/erasure-requests?done=carried-out');
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const message = this.sentence(page, error);
      const request = await this.privacy.getRequest(id);
      render(
        page,
        <AnswerPage page={page} request={request} refuse={false} message={message} />,
        error.status,
      );
    }
  }

  @Get('staff/erasure-requests/:id/refuse')
  @Page('staff')
  async confirmRefuse(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    render(page, <AnswerPage page={page} request={await this.privacy.getRequest(id)} refuse />);
  }

  /** Refuses with the legal reason (`reason`), which the person is e-mailed. */
  @Post('staff/erasure-requests/:id/refuse')
  @Page('staff')
  async refuse(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const request = await this.privacy.getRequest(id);
    const checked = await validateForm(RefuseErasureDto, body, page.t);
    if (!checked.ok) {
      const form = inPeopleWords(page.t, checked.form);
      return render(page, <AnswerPage page={page} request={request} refuse form={form} />, 400);
    }
    try {
      await this.privacy.refuse(signedIn(page), id, checked.dto.reason);
      redirect(page, '/staff/erasure-requests?done=refused');
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const shown = formFromError(page.t, error, body);
      const form = inPeopleWords(page.t, shown.form);
      const message = this.sentence(page, error, shown.message);
      render(
        page,
        <AnswerPage page={page} request={request} refuse form={form} message={message} />,
        error.status,
      );
    }
  }

  /** The privacy room's refusal in the reader's words (its rules: an enrolled student, an undecided application). */
  private sentence(page: PageContext, error: DomainError, shown?: string): string | undefined {
    const m = page.t.staffPeople.messages;
    if (page.locale === 'en') return error.message;
    if (/enrolled/.test(error.message)) return m.enrolled;
    if (/being decided/.test(error.message)) return m.inProgress;
    return shown ?? page.t.errorCodes[error.code];
  }
}
