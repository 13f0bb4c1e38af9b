import type { MigrationInterface } from 'typeorm';
import { AccountsAndAudit1795668487144 } from './1795668487144-AccountsAndAudit.js';
import { Catalogue1795668767092 } from './1795668767092-Catalogue.js';
import { Notifications1795668936112 } from './1795668936112-Notifications.js';
import { ApplicationsAndAuditions1795669271374 } from './1795669271374-ApplicationsAndAuditions.js';
import { Jury1795669710848 } from './1795669710848-Jury.js';
import { StudentsAndProjects1795669787151 } from './1795669787151-StudentsAndProjects.js';
import { Admissions1795670453372 } from './1795670453372-Admissions.js';
import { MaterialChunks1795710000000 } from './1795710000000-MaterialChunks.js';
import { WebSessions1795720000000 } from './1795720000000-WebSessions.js';
import { AccountLinks1795720100000 } from './1795720100000-AccountLinks.js';
import { BlindScoring1795730000000 } from './1795730000000-BlindScoring.js';
import { UserLiveness1795730000100 } from './1795730000100-UserLiveness.js';
import { ScoreWriteFunction1795740000000 } from './1795740000000-ScoreWriteFunction.js';
import { RankingReadsOneRound1795740000001 } from './1795740000001-RankingReadsOneRound.js';
import { LeavingOnOwnWish1795760000100 } from './1795760000100-LeavingOnOwnWish.js';
import { SettledMilestones1795770000000 } from './1795770000000-SettledMilestones.js';
import { MilestoneTitlesInDanish1795770000001 } from './1795770000001-MilestoneTitlesInDanish.js';
import { PersonalData1795780000000 } from './1795780000000-PersonalData.js';
import { PersonalDataIndexes1795780000001 } from './1795780000001-PersonalDataIndexes.js';
import { ApplicationBackgrounds1795790000000 } from './1795790000000-ApplicationBackgrounds.js';

/** Migrations in order; a new file from `npm run migration:generate` is added here too. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  AccountsAndAudit1795668487144,
  Catalogue1795668767092,
  Notifications1795668936112,
  ApplicationsAndAuditions1795669271374,
  Jury1795669710848,
  StudentsAndProjects1795669787151,
  Admissions1795670453372,
  MaterialChunks1795710000000,
  WebSessions1795720000000,
  AccountLinks1795720100000,
  BlindScoring1795730000000,
  UserLiveness1795730000100,
  ScoreWriteFunction1795740000000,
  RankingReadsOneRound1795740000001,
  LeavingOnOwnWish1795760000100,
  SettledMilestones1795770000000,
  MilestoneTitlesInDanish1795770000001,
  PersonalData1795780000000,
  PersonalDataIndexes1795780000001,
  ApplicationBackgrounds1795790000000,
];
