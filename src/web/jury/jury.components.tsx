import type { Locale } from '../../common/locale.js';
import type { JuryService } from '../../jury/jury.service.js';
import { ErrorSummary, Field, fieldId, RadioGroup, type FormState } from '../components/form.js';
import { Alert, Button, SummaryList, Table } from '../components/ui.js';
import { time, weekdayDate } from '../format.js';
import type { Dictionary } from '../i18n/index.js';
import { Layout, type LayoutContext } from '../layout/layout.js';
import { byDayAndRoom, type DayGroup } from './running-order.js';
import { GRADE_CHOICES, gradeLabel } from './score-form.js';

/*
 * The jury's pages as pure components of what the jury room answered: my auditions, one audition (dossier,
 * material, score sheet, conflict, the chair's part) and the printable running order.
 */

export type JuryList = Awaited<ReturnType<JuryService['myAuditions']>>;
export type JuryItem = JuryList['items'][number];
export type AuditionSheet = Awaited<ReturnType<JuryService['auditionSheet']>>;

/** The page's context with the catalogue's track names in the reader's language. */
type Ctx = LayoutContext & { trackName: (code: string) => string };

/** The forms of the audition page, each with what was typed and its errors when it was refused. */
export interface SheetForms {
  score?: FormState;
  conflict?: FormState;
  result?: FormState;
}

function state(t: Dictionary, item: JuryItem): string {
  const s = t.jury.states;
  if (item.recused) return s.recused;
  if (item.attendance === 'no_show') return s.noShow;
  if (item.locked) return s.locked;
  return item.myScore ? s.scored : s.toScore;
}

const place = (t: Dictionary, item: { room: string | null; venue: string | null }) =>
  item.room ? t.jury.list.room(item.room, item.venue ?? '') : t.jury.runningOrder.noRoom;

const subject = (page: Ctx, item: { track: string; mainSubject: string }) =>
  `${page.trackName(item.track)}, ${item.mainSubject}`;

function brings(t: Dictionary, item: JuryItem): string {
  const pieces = [
    ...item.repertoire.map((r) => `${r.composer}: ${r.title}`),
    ...Object.values(item.namedPieces ?? {}),
  ];
  return pieces.length ? pieces.join('; ') : t.jury.list.nothingListed;
}

/** `/jury`: my auditions by day and room, my progress, and my panels' running orders. */
export function JuryListPage(props: { page: Ctx; list: JuryList; today: string; notice?: string }) {
  const { t, locale } = props.page;
  const l = t.jury.list;
  const days = byDayAndRoom(props.list.items);
  const rounds = new Map(props.list.items.map((i) => [i.roundId, i.panelName]));
  return (
    <Layout page={props.page} title={l.title}>
      <div class="jury-page">
        <h1>{l.title}</h1>
        {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
        {props.list.items.length ? (
          <p class="jury-progress" role="status">
            {l.progress(props.list.scored, props.list.total, props.list.remaining)}
          </p>
        ) : (
          <p>{l.none}</p>
        )}
        {days.map((day) => (
          <DaySection page={props.page} day={day} today={props.today} locale={locale} />
        ))}
        {rounds.size ? (
          <>
            <h2>{l.panels}</h2>
            <ul class="nobullet-list">
              {[...new Set(props.list.items.map((i) => i.roundId))].map((roundId) => (
                <li>
                  <a href={`/jury/rounds/${roundId}/running-order`}>
                    {l.runningOrder}: {rounds.get(roundId)}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </Layout>
  );
}

function DaySection(props: { page: Ctx; day: DayGroup<JuryItem>; today: string; locale: Locale }) {
  const { t } = props.page;
  const l = t.jury.list;
  const { day } = props;
  const heading = day.day
    ? `${day.day === props.today ? `${l.today}: ` : ''}${weekdayDate(day.rooms[0].items[0].startsAt!, props.locale)}`
    : l.noTime;
  return (
    <section class="jury-day">
      <h2>{heading}</h2>
      {day.rooms.map((room) => (
        <Table
          caption={room.room ? place(t, room.items[0]) : l.noTime}
          head={l.head}
          rows={room.items.map((i) => [
            i.startsAt ? time(i.startsAt, props.locale) : '–',
            <a href={`/jury/auditions/${i.id}`}>{i.applicantName}</a>,
            subject(props.page, i),
            i.recused ? '–' : brings(t, i),
            <span class={`jury-state jury-state--${i.recused ? 'recused' : i.attendance}`}>
              {state(t, i)}
            </span>,
          ])}
        />
      ))}
    </section>
  );
}

/** `/jury/auditions/:id`: the audition, its dossier and material, my score sheet, conflict, and the chair's part. */
export function AuditionPage(props: {
  page: Ctx;
  sheet: AuditionSheet;
  forms?: SheetForms;
  message?: string;
  notice?: string;
  userId: string;
}) {
  const { t, locale } = props.page;
  const a = t.jury.audition;
  const s = props.sheet;
  const f = a.facts;
  const draftKey = `academy-score-draft:${s.id}:${props.userId}`;
  const refused = props.forms?.score ?? props.forms?.conflict ?? props.forms?.result;
  return (
    <Layout page={props.page} title={s.applicantName}>
      <div class="jury-page">
        <p>
          <a href="/jury">{a.back}</a>
        </p>
        <ErrorSummary form={refused} t={t} message={props.message} />
        <h1>{s.applicantName}</h1>
        {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
        {s.myScore ? <div hidden data-draft-clear={draftKey} /> : null}
        <SummaryList
          rows={[
            [
              f.time,
              s.startsAt ? `${weekdayDate(s.startsAt, locale)} ${time(s.startsAt, locale)}` : a.noTime,
            ],
            [f.place, place(t, s)],
            [f.round, s.round.name],
            [f.panel, s.panelName],
            [f.track, subject(props.page, s)],
            [f.role, t.jury.roles[s.panelRole]],
            [f.attendance, t.jury.attendance[s.attendance as keyof typeof t.jury.attendance] ?? s.attendance],
          ]}
        />
        {s.result ? (
          <Alert kind="info">{a.locked(gradeLabel(s.result.grade!), s.result.passed!)}</Alert>
        ) : null}
        {s.recused ? <Alert kind="warning">{a.recused}</Alert> : null}
        {s.attendance === 'no_show' ? <Alert kind="info">{a.noShowNotice}</Alert> : null}
        {s.recused ? null : <Dossier page={props.page} sheet={s} />}
        {s.recused ? null : (
          <ScoreSection page={props.page} sheet={s} form={props.forms?.score} draftKey={draftKey} />
        )}
        {s.panelRole === 'chair' && !s.recused ? (
          <ChairSection page={props.page} sheet={s} form={props.forms?.result} />
        ) : null}
        {!s.recused && !s.result ? (
          <ConflictSection page={props.page} sheet={s} form={props.forms?.conflict} />
        ) : null}
      </div>
    </Layout>
  );
}

function Dossier(props: { page: Ctx; sheet: AuditionSheet }) {
  const { t } = props.page;
  const a = t.jury.audition;
  const s = props.sheet;
  const named = Object.entries(s.namedPieces ?? {});
  return (
    <section aria-labelledby="dossier">
      <h2 id="dossier">{a.dossier}</h2>
      {s.motivation ? (
        <>
          <h3>{a.motivation}</h3>
          <p class="jury-motivation">{s.motivation}</p>
        </>
      ) : null}
      <h3>{a.repertoire}</h3>
      {s.repertoire.length ? (
        <Table
          caption={a.repertoire}
          head={a.repertoireHead}
          rows={s.repertoire.map((r) => [
            r.title,
            r.composer,
            r.durationMinutes ? a.minutes(r.durationMinutes) : '–',
          ])}
        />
      ) : (
        <p>{a.noRepertoire}</p>
      )}
      {named.length ? (
        <>
          <h3>{a.namedPieces}</h3>
          <SummaryList rows={named.map(([k, v]) => [k, v])} />
        </>
      ) : null}
      <h3>{a.material}</h3>
      {s.materials.length ? (
        <ul class="nobullet-list jury-materials">
          {s.materials.map((m) => (
            <li>
              <Material page={props.page} auditionId={s.id} material={m} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{a.noMaterial}</p>
      )}
    </section>
  );
}

function Material(props: { page: Ctx; auditionId: string; material: AuditionSheet['materials'][number] }) {
  const { t } = props.page;
  const a = t.jury.audition;
  const m = props.material;
  const kind = a.materialKinds[m.kind] ?? m.kind;
  const name = m.filename ?? kind;
  if (m.url) {
    return (
      <p>
        <strong>{kind}</strong>: <a href={m.url}>{a.videoLink}</a>
      </p>
    );
  }
  const src = `/jury/auditions/${props.auditionId}/materials/${m.id}`;
  const type = m.contentType ?? '';
  const title = `${kind}: ${name}`;
  return (
    <figure class="jury-material">
      <figcaption>
        <strong>{kind}</strong>: {name}
      </figcaption>
      {type.startsWith('audio/') ? (
        <audio controls preload="metadata" src={src} aria-label={title} />
      ) : type.startsWith('video/') ? (
        <video controls preload="metadata" src={src} aria-label={title} class="jury-video" />
      ) : type.startsWith('image/') ? (
        <img src={src} alt={title} class="jury-image" />
      ) : type === 'application/pdf' ? (
        <iframe src={src} title={title} class="jury-pdf" />
      ) : null}
      <p>
        <a href={src}>{a.open(name)}</a>
      </p>
    </figure>
  );
}

function ScoreSection(props: { page: Ctx; sheet: AuditionSheet; form?: FormState; draftKey: string }) {
  const { t, locale } = props.page;
  const a = t.jury.audition;
  const s = props.sheet;
  if (s.myScore) {
    return (
      <section aria-labelledby="my-score">
        <h2 id="my-score">{a.mine}</h2>
        <SummaryList
          rows={[
            ...s.criteria.map(
              (c) =>
                [locale === 'en' ? (c.labelEn ?? c.label) : c.label, String(s.myScore!.criteria[c.key])] as [
                  string,
                  string,
                ],
            ),
            [a.grade, gradeLabel(s.myScore.grade)],
            ...(s.myScore.comment ? [[a.comment, s.myScore.comment] as [string, string]] : []),
          ]}
        />
        {s.panelScores ? (
          <>
            <Alert kind="info">{a.blindRule}</Alert>
            <Table
              caption={a.panelScores}
              head={a.panelHead}
              rowHeader
              rows={s.panelScores.map((p) => [
                `${p.jurorName}${p.counts ? '' : ` ${a.notCounted}`}`,
                p.panelRole ? t.jury.roles[p.panelRole] : '–',
                gradeLabel(p.grade),
                s.criteria
                  .map((c) => `${locale === 'en' ? (c.labelEn ?? c.label) : c.label}: ${p.criteria[c.key]}`)
                  .join(', '),
                p.comment ?? '',
              ])}
            />
          </>
        ) : null}
      </section>
    );
  }
  if (s.result || s.attendance === 'no_show') return null;
  const form = props.form;
  return (
    <section aria-labelledby="score-sheet">
      <h2 id="score-sheet">{a.sheet}</h2>
      <p class="form-hint">{a.sheetHint}</p>
      <form
        method="post"
        action={`/jury/auditions/${s.id}/score`}
        noValidate
        class="jury-sheet"
        data-draft-key={props.draftKey}
      >
        <input type="hidden" name="_csrf" value={props.page.csrfToken} />
        {s.criteria.map((c) => (
          <Field
            name={`criteria.${c.key}`}
            label={a.criterion(locale === 'en' ? (c.labelEn ?? c.label) : c.label, c.weight, c.min, c.max)}
            inputMode="decimal"
            autocomplete="off"
            form={form}
            t={t}
          />
        ))}
        <RadioGroup
          name="grade"
          legend={a.grade}
          options={GRADE_CHOICES.map((g) => ({ value: g.value, label: g.label }))}
          form={form}
          t={t}
        />
        <Field
          name="comment"
          label={a.comment}
          optional={a.optional}
          multiline
          rows={3}
          maxLength={4000}
          form={form}
          t={t}
        />
        <Button>{a.submit}</Button>
      </form>
    </section>
  );
}

function ChairSection(props: { page: Ctx; sheet: AuditionSheet; form?: FormState }) {
  const { t } = props.page;
  const a = t.jury.audition;
  const s = props.sheet;
  const p = s.progress;
  const csrf = <input type="hidden" name="_csrf" value={props.page.csrfToken} />;
  return (
    <section aria-labelledby="chair">
      <h2 id="chair">{a.chair}</h2>
      <p>{a.progress(p.scored, p.scoring, p.recused)}</p>
      {s.result ? null : (
        <div class="jury-attendance">
          {s.attendance !== 'checked_in' ? (
            <form method="post" action={`/jury/auditions/${s.id}/check-in`} class="academy-inline-form">
              {csrf}
              <Button variant="secondary">{a.checkIn}</Button>
            </form>
          ) : null}
          {s.attendance !== 'no_show' ? (
            <form method="post" action={`/jury/auditions/${s.id}/no-show`} class="academy-inline-form">
              {csrf}
              <Button variant="secondary">{a.noShow}</Button>
            </form>
          ) : null}
        </div>
      )}
      {s.result || s.attendance === 'no_show' ? null : (
        <>
          <h3>{a.result}</h3>
          <p class="form-hint">{a.resultHint}</p>
          {/* GET: the confirm page repeats the values and holds the one form that records them. */}
          <form method="get" action={`/jury/auditions/${s.id}/result`} noValidate>
            <RadioGroup
              name="grade"
              field="resultGrade"
              legend={a.resultGrade}
              options={GRADE_CHOICES.map((g) => ({ value: g.value, label: g.label }))}
              form={props.form}
              t={t}
            />
            <RadioGroup
              name="passed"
              legend={a.passed}
              options={[
                { value: 'true', label: a.yes },
                { value: 'false', label: a.no },
              ]}
              form={props.form}
              t={t}
            />
            <Field
              name="note"
              label={a.note}
              optional={a.optional}
              multiline
              rows={3}
              maxLength={4000}
              form={props.form}
              t={t}
            />
            <Button>{a.recordNext}</Button>
          </form>
        </>
      )}
    </section>
  );
}

function ConflictSection(props: { page: Ctx; sheet: AuditionSheet; form?: FormState }) {
  const { t } = props.page;
  const a = t.jury.audition;
  const kinds = t.jury.conflictKinds;
  return (
    <section aria-labelledby="conflict">
      <h2 id="conflict">{a.conflict}</h2>
      <p class="form-hint">{a.conflictHint}</p>
      {/* GET: the confirm page says what a declaration means and holds the one form that makes it. */}
      <form method="get" action={`/jury/auditions/${props.sheet.id}/conflict`} noValidate>
        <RadioGroup
          name="kind"
          legend={a.conflictKind}
          options={(Object.keys(kinds) as Array<keyof typeof kinds>).map((k) => ({
            value: k,
            label: kinds[k],
          }))}
          form={props.form}
          t={t}
        />
        <Field name="reason" label={a.reason} multiline rows={2} maxLength={2000} form={props.form} t={t} />
        <Button variant="warning">{a.declareNext}</Button>
      </form>
    </section>
  );
}

/** The values a confirm page repeats and carries in hidden fields to the action's POST. */
export type ConfirmAction =
  | { kind: 'conflict'; conflictKind: string; reason: string }
  | { kind: 'result'; grade: number; passed: boolean; note?: string };

/**
 * `/jury/auditions/:id/conflict` and `/jury/auditions/:id/result`: the confirm step of an action that cannot be
 * undone (PAGES.md): what will happen, the values typed on the audition page, and the one form that does it.
 */
export function ConfirmPage(props: { page: Ctx; sheet: AuditionSheet; action: ConfirmAction }) {
  const { t } = props.page;
  const a = t.jury.audition;
  const c = t.jury.confirm;
  const s = props.sheet;
  const act = props.action;
  const title = act.kind === 'conflict' ? c.conflictTitle : c.resultTitle;
  const hidden = (name: string, value: string) => <input type="hidden" name={name} value={value} />;
  return (
    <Layout page={props.page} title={title}>
      <div class="jury-page">
        <p>
          <a href={`/jury/auditions/${s.id}`}>{c.cancel}</a>
        </p>
        <h1>{title}</h1>
        <Alert kind="warning">
          {act.kind === 'conflict' ? c.conflictWhat(s.applicantName) : c.resultWhat(s.applicantName)}
        </Alert>
        {act.kind === 'conflict' ? (
          <SummaryList
            rows={[
              [a.conflictKind, t.jury.conflictKinds[act.conflictKind as keyof typeof t.jury.conflictKinds]],
              [a.reason, act.reason],
            ]}
          />
        ) : (
          <SummaryList
            rows={[
              [a.resultGrade, gradeLabel(act.grade)],
              [a.passed, c.passed(act.passed)],
              [a.note, act.note ?? c.noNote],
            ]}
          />
        )}
        <form method="post" action={`/jury/auditions/${s.id}/${act.kind}`}>
          {hidden('_csrf', props.page.csrfToken)}
          {act.kind === 'conflict' ? (
            <>
              {hidden('kind', act.conflictKind)}
              {hidden('reason', act.reason)}
            </>
          ) : (
            <>
              {hidden('grade', String(act.grade))}
              {hidden('passed', String(act.passed))}
              {act.note ? hidden('note', act.note) : null}
            </>
          )}
          <Button variant={act.kind === 'conflict' ? 'warning' : undefined}>
            {act.kind === 'conflict' ? a.declare : a.record}
          </Button>
        </form>
      </div>
    </Layout>
  );
}

/** `/jury/rounds/:id/running-order`: per day and room, one room per printed page, with my day as a calendar file. */
export function RunningOrderPage(props: {
  page: Ctx;
  roundId: string;
  roundName: string;
  items: JuryItem[];
}) {
  const { t, locale } = props.page;
  const r = t.jury.runningOrder;
  const days = byDayAndRoom(props.items);
  return (
    <Layout page={props.page} title={r.title(props.roundName)}>
      <div class="jury-page">
        <p class="jury-no-print">
          <a href="/jury">{t.jury.audition.back}</a>
        </p>
        <h1>{r.title(props.roundName)}</h1>
        {days.map((day) => {
          const dayText = day.day ? weekdayDate(day.rooms[0].items[0].startsAt!, locale) : t.jury.list.noTime;
          return (
            <>
              {day.day ? (
                <p class="jury-no-print">
                  <a href={`/jury/rounds/${props.roundId}/running-order.ics?day=${day.day}`} download>
                    {r.calendar(dayText)}
                  </a>
                </p>
              ) : null}
              {day.rooms.map((room) => (
                <section class="jury-room">
                  <h2>{r.heading(dayText, room.room ? place(t, room.items[0]) : r.noRoom)}</h2>
                  <Table
                    caption={r.heading(dayText, room.room ? place(t, room.items[0]) : r.noRoom)}
                    head={r.head}
                    rows={room.items.map((i) => [
                      i.startsAt ? time(i.startsAt, locale) : '–',
                      i.applicantName,
                      subject(props.page, i),
                      i.recused ? '–' : brings(t, i),
                      i.panelName,
                    ])}
                  />
                </section>
              ))}
            </>
          );
        })}
      </div>
    </Layout>
  );
}

export { fieldId };
