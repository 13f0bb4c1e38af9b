import { Body, Get, Post } from '@nestjs/common';
import { DomainError, ErrorCode } from '../../common/errors.js';
import { ProposeProjectDto } from '../../projects/dto/projects.dto.js';
import { ProjectsService } from '../../projects/projects.service.js';
import { StudentsService } from '../../students/students.service.js';
import { formFromError, validateForm, type FormBody } from '../form.js';
import { Ctx, Page, PageController, redirect, render, signedIn, type PageContext } from '../page.js';
import { inProjectWords, ProposePage, StudentPage } from '../projects/project-components.js';

/** The student's own pages: my course, exams and third-year project; proposing the project. */
@PageController()
export class StudentPages {
  constructor(
    private readonly students: StudentsService,
    private readonly projects: ProjectsService,
  ) {}

  @Get('student')
  @Page('applicant')
  async home(@Ctx() page: PageContext) {
    const user = signedIn(page);
    const student = await this.students.mine(user);
    const [project] = (await this.projects.list(user, { limit: 1, offset: 0 })).items;
    render(
      page,
      <StudentPage
        page={page}
        student={student}
        project={project ?? null}
        mayPropose={student.year === 3 && student.status === 'active'}
      />,
    );
  }

  @Get('projects/new')
  @Page('applicant')
  async proposeForm(@Ctx() page: PageContext) {
    await this.students.mine(signedIn(page));
    render(page, <ProposePage page={page} />);
  }

  @Post('projects/new')
  @Page('applicant')
  async propose(@Ctx() page: PageContext, @Body() body: FormBody) {
    const checked = await validateForm(ProposeProjectDto, body, page.t);
    if (!checked.ok)
      return render(page, <ProposePage page={page} form={inProjectWords(page.t, checked.form)} />, 400);
    try {
      const project = await this.projects.propose(signedIn(page), checked.dto);
      redirect(page, `/projects/${project.id}?done=proposed`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === ErrorCode.AlreadyExists) {
        const [mine] = (await this.projects.list(signedIn(page), { limit: 1, offset: 0 })).items;
        if (mine) return redirect(page, `/projects/${mine.id}`);
      }
      const shown = formFromError(page.t, error, body);
      render(
        page,
        <ProposePage page={page} form={inProjectWords(page.t, shown.form)} message={shown.message} />,
        error.status,
      );
    }
  }
}
