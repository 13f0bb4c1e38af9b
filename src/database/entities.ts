import type { EntitySchema } from 'typeorm';
import { Consent } from '../accounts/consent.entity.js';
import { AccountToken } from '../accounts/account-token.entity.js';
import { Invitation } from '../accounts/invitation.entity.js';
import { Decision, ResultsPublication } from '../admissions/decision.entity.js';
import { Offer } from '../admissions/offer.entity.js';
import { Application } from '../applications/application.entity.js';
import { ApplicationBackground } from '../applications/background.entity.js';
import { Material } from '../applications/material.entity.js';
import { MaterialChunk } from '../applications/storage/material-chunk.entity.js';
import { User } from '../accounts/user.entity.js';
import { WebSession } from '../accounts/web-session.entity.js';
import { AuditRecord } from '../audit/audit-record.entity.js';
import { Audition } from '../auditions/audition.entity.js';
import { Panel, PanelMember } from '../auditions/panel.entity.js';
import { RescheduleRequest } from '../auditions/reschedule-request.entity.js';
import { Round } from '../auditions/round.entity.js';
import { Slot } from '../auditions/slot.entity.js';
import { Intake } from '../catalogue/intake.entity.js';
import { Programme, Track } from '../catalogue/programme.entity.js';
import { Rubric } from '../catalogue/rubric.entity.js';
import { AuditionResult } from '../jury/audition-result.entity.js';
import { Conflict } from '../jury/conflict.entity.js';
import { Score } from '../jury/score.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { ErasureRequest } from '../privacy/erasure-request.entity.js';
import { AtRiskDigest } from '../projects/at-risk-digest.entity.js';
import { CheckIn } from '../projects/check-in.entity.js';
import { Milestone } from '../projects/milestone.entity.js';
import { Project } from '../projects/project.entity.js';
import { AnnualExam } from '../students/annual-exam.entity.js';
import { Enrolment } from '../students/enrolment.entity.js';

/**
 * Every entity of every room, for the TypeORM CLI and the app alike. A new entity is added here and
 * gets a migration (`npm run migration:generate -- migrations/<Name>`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ENTITIES: (EntitySchema | (new (...args: any[]) => object))[] = [
  User,
  Invitation,
  WebSession,
  AccountToken,
  AuditRecord,
  Application,
  ApplicationBackground,
  Material,
  MaterialChunk,
  Programme,
  Track,
  Intake,
  Rubric,
  Notification,
  Round,
  Panel,
  PanelMember,
  Slot,
  Audition,
  RescheduleRequest,
  Score,
  Conflict,
  AuditionResult,
  Enrolment,
  AnnualExam,
  Project,
  Milestone,
  CheckIn,
  AtRiskDigest,
  Decision,
  ResultsPublication,
  Offer,
  Consent,
  ErasureRequest,
];
