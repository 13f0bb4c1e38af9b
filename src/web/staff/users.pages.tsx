import { Body, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { AccountsService, type StaffUserView } from '../../accounts/accounts.service.js';
import { CreateUserDto, INVITABLE_ROLES } from '../../accounts/dto/accounts.dto.js';
import { DomainError, ErrorCode } from '../../common/errors.js';
import { ErrorSummary, Field, Form, type FormState } from '../components/form.js';
import { Alert, Button, Table } from '../components/ui.js';
import { dateTime } from '../format.js';
import { formFromError, keptValues, validateForm, type FormBody } from '../form.js';
import { Layout } from '../layout/layout.js';
import { Ctx, Page, PageController, redirect, render, signedIn, type PageContext } from '../page.js';
import {
  inPeopleWords,
  offsetOf,
  oneOf,
  Pager,
  PeopleNav,
  RowForm,
  Select,
  textOf,
  UUID,
} from './people.components.js';

const uuid = new ParseUUIDPipe({ version: undefined });
const LIMIT = 50;

interface UserFilter {
  role?: (typeof INVITABLE_ROLES)[number];
  q?: string;
  active?: 'true' | 'false';
  offset: number;
}

interface UsersPageProps {
  page: PageContext;
  filter: UserFilter;
  users: StaffUserView[];
  total: number;
  notice?: string;
  /** The invite form refused, with what was typed. */
  invite?: FormState;
  /** A row's action refused: one sentence for the summary. */
  message?: string;
}

function stateOf(page: PageContext, u: StaffUserView): string {
  const x = page.t.staffPeople.users;
  if (!u.active) return x.deactivated;
  if (u.invitation === 'accepted') return x.accepted;
  if (u.invitation === 'pending' && u.invitationExpiresAt) {
    return x.pending(dateTime(u.invitationExpiresAt, page.locale));
  }
  return x.expired;
}

function UsersPage(props: UsersPageProps) {
  const { page, filter } = props;
  const { t } = page;
  const s = t.staffPeople;
  const x = s.users;
  const me = signedIn(page).id;
  const roleOptions = INVITABLE_ROLES.map((r) => ({ value: r, label: s.roles[r] }));
  return (
    <Layout page={page} title={x.title}>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <ErrorSummary form={props.invite} t={t} message={props.message} />
      <PeopleNav t={t} current="users" />
      <h1>{x.title}</h1>
      <p class="academy-wide">{x.intro}</p>
      <form method="get" action="/staff/users" class="academy-filters" role="search">
        <Select
          name="role"
          id="filter-role"
          label={x.role}
          value={filter.role ?? ''}
          options={[{ value: '', label: s.anyRole }, ...roleOptions]}
        />
        <Select
          name="active"
          label={x.state}
          value={filter.active ?? ''}
          options={[
            { value: '', label: x.activeFilter },
            { value: 'true', label: x.onlyActive },
            { value: 'false', label: x.onlyInactive },
          ]}
        />
        <Field name="q" label={s.search} form={{ values: { q: filter.q ?? '' }, errors: {} }} t={t} />
        <Button variant="secondary">{s.filter}</Button>
      </form>
      <Table
        caption={x.list}
        head={[x.name, x.email, x.role, x.state, s.actions]}
        rowHeader
        empty={x.none}
        rows={props.users.map((u) => [
          u.name,
          u.email,
          s.roles[u.role] ?? u.role,
          stateOf(page, u),
          u.id === me ? (
            x.yourself
          ) : !u.active ? (
            <RowForm csrf={page.csrfToken} action="/staff/users/reactivate" hidden={{ userId: u.id }}>
              <Button variant="secondary">
                {x.reactivate}
                <span class="sr-only"> {u.name}</span>
              </Button>
            </RowForm>
          ) : (
            <>
              {u.invitation !== 'accepted' ? (
                <RowForm csrf={page.csrfToken} action="/staff/users/invitation" hidden={{ userId: u.id }}>
                  <Button variant="secondary">
                    {x.inviteAgain}
                    <span class="sr-only"> {u.name}</span>
                  </Button>
                </RowForm>
              ) : null}{' '}
              <a href={`/staff/users/${u.id}/deactivate`}>
                {x.deactivate}
                <span class="sr-only"> {u.name}</span>
              </a>
            </>
          ),
        ])}
      />
      <Pager
        t={t}
        path="/staff/users"
        query={{ role: filter.role, q: filter.q, active: filter.active }}
        offset={filter.offset}
        limit={LIMIT}
        shown={props.users.length}
        total={props.total}
      />
      <p>{x.accountsOnly}</p>
      <h2>{x.inviteHeading}</h2>
      <p>{x.inviteHint}</p>
      <Form csrf={page.csrfToken} action="/staff/users">
        <Field name="name" label={t.fields.name} autocomplete="off" form={props.invite} t={t} />
        <Field
          name="email"
          label={t.fields.email}
          type="email"
          autocomplete="off"
          form={props.invite}
          t={t}
        />
        <Select name="role" label={x.role} options={roleOptions} form={props.invite} value="juror" />
        <Button>{x.invite}</Button>
      </Form>
    </Layout>
  );
}

function DeactivatePage(props: { page: PageContext; user: { id: string; name: string }; message?: string }) {
  const { page, user } = props;
  const x = page.t.staffPeople.users;
  return (
    <Layout page={page} title={x.deactivateTitle(user.name)}>
      <ErrorSummary t={page.t} message={props.message} />
      <PeopleNav t={page.t} current="users" />
      <h1>{x.deactivateTitle(user.name)}</h1>
      <p>{x.deactivateText}</p>
      <Form csrf={page.csrfToken} action={`/staff/users/${user.id}/deactivate`}>
        <Button variant="warning">{x.deactivateConfirm}</Button>
      </Form>
      <p>
        <a href="/staff/users">{page.t.staffPeople.back}</a>
      </p>
    </Layout>
  );
}

/** Staff's list of jurors, teachers and staff: invite, invite again, deactivate (a confirm step), reactivate. */
@PageController()
export class StaffUserPages {
  constructor(private readonly accounts: AccountsService) {}

  @Get('staff/users')
  @Page('staff')
  async list(@Ctx() page: PageContext, @Query() query: Record<string, unknown>) {
    const x = page.t.staffPeople.users;
    const who = UUID.test(String(query.userId ?? ''))
      ? await this.accounts.findUser(String(query.userId))
      : null;
    const notices: Record<string, (name: string) => string> = {
      invited: x.invited,
      reinvited: x.reinvited,
      reactivated: x.reactivated,
      deactivated: x.deactivatedDone,
    };
    const done = typeof query.done === 'string' ? notices[query.done] : undefined;
    await this.answer(page, this.filterOf(query), { notice: done && who ? done(who.name) : undefined });
  }

  /** Invite a juror, teacher or colleague: `email`, `name`, `role`. */
  @Post('staff/users')
  @Page('staff')
  async invite(@Ctx() page: PageContext, @Body() body: FormBody) {
    const checked = await validateForm(CreateUserDto, body, page.t, { locale: page.locale });
    if (!checked.ok) {
      return this.answer(page, { offset: 0 }, { invite: inPeopleWords(page.t, checked.form) }, 400);
    }
    try {
      const issued = await this.accounts.invite(signedIn(page), checked.dto);
      redirect(page, `/staff/users?done=invited&userId=${issued.user.id}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const shown = formFromError(page.t, error, body);
      const form = inPeopleWords(page.t, shown.form);
      if (error.code === ErrorCode.AlreadyExists) {
        form.errors.email = page.t.staffPeople.messages.alreadyExists;
      }
      await this.answer(page, { offset: 0 }, { invite: form, message: shown.message }, error.status);
    }
  }

  /** Invite again (a new link; the old one stops working): the row's `userId`. */
  @Post('staff/users/invitation')
  @Page('staff')
  async inviteAgain(@Ctx() page: PageContext, @Body() body: FormBody) {
    await this.rowAction(page, body, 'reinvited', (userId) => this.accounts.reinvite(signedIn(page), userId));
  }

  /** Reactivate a deactivated account (nothing is lost by it, so no confirm step): the row's `userId`. */
  @Post('staff/users/reactivate')
  @Page('staff')
  async reactivate(@Ctx() page: PageContext, @Body() body: FormBody) {
    await this.rowAction(page, body, 'reactivated', (userId) =>
      this.accounts.updateUser(signedIn(page), userId, { active: true }),
    );
  }

  @Get('staff/users/:id/deactivate')
  @Page('staff')
  async confirmDeactivate(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    render(page, <DeactivatePage page={page} user={await this.inviteable(id)} />);
  }

  /** Deactivates: the person's sessions and tokens stop working at once (accounts ends them). */
  @Post('staff/users/:id/deactivate')
  @Page('staff')
  async deactivate(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    const user = await this.inviteable(id);
    try {
      await this.accounts.updateUser(signedIn(page), id, { active: false });
      redirect(page, `/staff/users?done=deactivated&userId=${id}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const message = this.sentence(page, error);
      render(page, <DeactivatePage page={page} user={user} message={message} />, error.status);
    }
  }

  /** A juror, teacher or staff member (applicants are not managed here: 404 like an unknown id). */
  private async inviteable(id: string) {
    const user = await this.accounts.findUser(id);
    if (!user || user.role === 'applicant') {
      throw new DomainError(ErrorCode.NotFound, `No user ${id}`);
    }
    return user;
  }

  private async rowAction(
    page: PageContext,
    body: FormBody,
    done: string,
    act: (userId: string) => Promise<unknown>,
  ) {
    const userId = typeof body.userId === 'string' ? body.userId : '';
    if (!UUID.test(userId)) throw new DomainError(ErrorCode.NotFound, 'No such user');
    await this.inviteable(userId);
    try {
      await act(userId);
      redirect(page, `/staff/users?done=${done}&userId=${userId}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      await this.answer(page, { offset: 0 }, { message: this.sentence(page, error) }, error.status);
    }
  }

  /** The refusal in the reader's words: the reasons accounts gives, by what they name. */
  private sentence(page: PageContext, error: DomainError): string {
    const m = page.t.staffPeople.messages;
    if (page.locale === 'en') return error.message;
    const reason = (error.details as Array<{ reason?: string }> | undefined)?.[0]?.reason;
    if (reason === 'accepted') return m.alreadyAccepted;
    if (reason === 'deactivated') return m.inactive;
    if (/your own account/.test(error.message)) return m.ownAccount;
    return page.t.errorCodes[error.code];
  }

  private filterOf(query: Record<string, unknown>): UserFilter {
    return {
      role: oneOf(query.role, INVITABLE_ROLES),
      q: textOf(query.q),
      active: oneOf(query.active, ['true', 'false'] as const),
      offset: offsetOf(query.offset),
    };
  }

  private async answer(
    page: PageContext,
    filter: UserFilter,
    extra: Pick<UsersPageProps, 'notice' | 'invite' | 'message'>,
    status = 200,
  ) {
    const { items, total } = await this.accounts.listUsers({ ...filter, limit: LIMIT });
    const invite = extra.invite && { ...extra.invite, values: keptValues(extra.invite.values) };
    render(
      page,
      <UsersPage page={page} filter={filter} users={items} total={total} {...extra} invite={invite} />,
      status,
    );
  }
}
