import { Module } from '@nestjs/common';
import { AdmissionsModule } from '../admissions/admissions.module.js';
import { ApplicationsModule } from '../applications/applications.module.js';
import { AuditionsModule } from '../auditions/auditions.module.js';
import { JuryModule } from '../jury/jury.module.js';
import { StaffPages } from './staff/staff.pages.js';
import { ApplicantPages } from './applicant/applicant.pages.js';
import { JuryPages } from './jury/jury.pages.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { StudentsModule } from '../students/students.module.js';
import { AccountPages } from './accounts/account.pages.js';
import { HomePages } from './home/home.pages.js';
import { PageExceptionFilter } from './page-exception.filter.js';
import { PageGuard } from './page.guard.js';
import { ProjectPages } from './projects/project.pages.js';
import { StaffErasurePages } from './staff/erasure.pages.js';
import { StaffNotificationPages } from './staff/notifications.pages.js';
import { StaffStudentPages } from './staff/students.pages.js';
import { StaffUserPages } from './staff/users.pages.js';
import { StudentPages } from './student/student.pages.js';
import { TeacherPages } from './teacher/teacher.pages.js';
import { PrivacyModule } from '../privacy/privacy.module.js';
import { PrivacyPages } from './privacy/privacy.pages.js';
import { ReportsModule } from '../reports/reports.module.js';
import { ReportPages } from './staff/reports.pages.js';
import { BackgroundPages } from './applicant/background.pages.js';
import { WebSessions } from './web-sessions.js';

/**
 * The web pages: a room on top of the others, calling their services (never the API over HTTP). One folder
 * per audience (applicant/, jury/, staff/, student/) beside the shared layout, components and dictionaries.
 */
@Module({
  imports: [
    ApplicationsModule,
    AuditionsModule,
    AdmissionsModule,
    JuryModule,
    StudentsModule,
    ProjectsModule,
    PrivacyModule,
    ReportsModule,
  ],
  controllers: [
    HomePages,
    AccountPages,
    ApplicantPages,
    JuryPages,
    StudentPages,
    ProjectPages,
    TeacherPages,
    PrivacyPages,
    StaffPages,
    StaffUserPages,
    StaffNotificationPages,
    StaffStudentPages,
    StaffErasurePages,
    ReportPages,
    BackgroundPages,
  ],
  providers: [PageGuard, PageExceptionFilter, WebSessions],
})
export class WebModule {}
