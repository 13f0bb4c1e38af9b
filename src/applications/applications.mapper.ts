/** An application as other rooms need it to schedule, rank and decide. */
export interface ApplicationSummary {
  id: string;
  applicantId: string;
  intakeId: string;
  programme: string;
  track: string;
  mainSubject: string;
  status: Application['status'];
  submittedAt: Date | null;
  unavailable: Array<{ from: Date; to: Date }>;
}

/** An application as a jury reads it (see `dossiers`). */
export interface ApplicationDossier {
  id: string;
  /** The applicant's own words: what the jury reads before the audition. */
  motivation: string;
  repertoire: Application['repertoire'];
  namedPieces: Record<string, string>;
  materials: Array<{
    id: string;
    kind: string;
    filename: string | null;
    contentType: string | null;
    url: string | null;
  }>;
}

import { toCopenhagenIso } from '../common/time.js';
import type { Application } from './application.entity.js';
import type { Material } from './material.entity.js';

export interface MaterialView {
  id: string;
  kind: string;
  filename: string | null;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  url: string | null;
  createdAt: string;
}

export function mapMaterial(m: Material): MaterialView {
  return {
    id: m.id,
    kind: m.kind,
    filename: m.filename,
    contentType: m.contentType,
    size: m.size,
    sha256: m.sha256,
    url: m.url,
    createdAt: toCopenhagenIso(m.createdAt),
  };
}

/** The application as its owner and staff see it; `extra` carries what other rooms add (eligibility, slots). */
export function mapApplication(
  a: Application,
  materials: readonly Material[],
  extra: Record<string, unknown> = {},
) {
  return {
    id: a.id,
    applicantId: a.applicantId,
    intakeId: a.intakeId,
    programme: a.programme,
    track: a.track,
    mainSubject: a.mainSubject,
    motivation: a.motivation,
    repertoire: a.repertoire,
    namedPieces: a.namedPieces,
    unavailable: a.unavailable.map((u) => ({
      from: toCopenhagenIso(new Date(u.from)),
      to: toCopenhagenIso(new Date(u.to)),
    })),
    status: a.status,
    submittedAt: a.submittedAt ? toCopenhagenIso(a.submittedAt) : null,
    withdrawnAt: a.withdrawnAt ? toCopenhagenIso(a.withdrawnAt) : null,
    dispensation: { status: a.dispensationStatus, reason: a.dispensationReason, note: a.dispensationNote },
    materials: materials.map(mapMaterial),
    createdAt: toCopenhagenIso(a.createdAt),
    updatedAt: toCopenhagenIso(a.updatedAt),
    ...extra,
  };
}

export function summarise(a: Application): ApplicationSummary {
  return {
    id: a.id,
    applicantId: a.applicantId,
    intakeId: a.intakeId,
    programme: a.programme,
    track: a.track,
    mainSubject: a.mainSubject,
    status: a.status,
    submittedAt: a.submittedAt,
    unavailable: a.unavailable.map((u) => ({ from: new Date(u.from), to: new Date(u.to) })),
  };
}
