import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { fileTypeFromFile } from 'file-type';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { AuthUser } from '../common/auth.js';
import { policy } from '../common/policy.js';
import { DomainError, ErrorCode, invalid, notFound } from '../common/errors.js';
import type { Env } from '../config/env.js';
import { Application } from './application.entity.js';
import { ApplicationsService } from './applications.service.js';
import { mapMaterial, type MaterialView } from './applications.mapper.js';
import {
  downloadOf,
  etagOf,
  requestedBytes,
  type DownloadableMaterial,
  type MaterialDownload,
} from './material-download.js';
import { displayName, linkProblem, MATERIAL_KINDS, quotaProblem, uploadProblem } from './materials.js';
import { Material } from './material.entity.js';
import { FileStorage } from './storage/file-storage.js';

/** A file multer has written to the temporary folder. */
export interface UploadedTempFile {
  path: string;
  originalname: string;
  size: number;
}

@Injectable()
export class MaterialsService {
  private readonly maxBytes: number;
  private readonly quota: { files: number; bytes: number };

  constructor(
    @InjectRepository(Material) private readonly materials: Repository<Material>,
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly storage: FileStorage,
    config: ConfigService<Env, true>,
  ) {
    this.maxBytes = config.get('UPLOAD_MAX_BYTES');
    this.quota = {
      files: config.get('UPLOAD_MAX_FILES_PER_APPLICATION'),
      bytes: config.get('UPLOAD_MAX_BYTES_PER_APPLICATION'),
    };
  }

  /** Stores a file (checked by its first bytes, hashed, kept under its id) or a video link; only the owner, only a draft. */
  async add(
    user: AuthUser,
    applicationId: string,
    kind: string,
    file: UploadedTempFile | undefined,
    url?: string,
  ): Promise<MaterialView> {
    try {
      const rule = MATERIAL_KINDS[kind];
      if (rule?.link) {
        if (file) throw invalid('file', `${kind} is sent as a link: give "url" and no file`);
        const problem = linkProblem(url);
        if (problem) throw invalid('url', problem);
        return await this.save(user, applicationId, {
          kind,
          url: url!,
          filename: null,
          contentType: null,
          size: null,
          sha256: null,
        });
      }
      if (!file) throw invalid('file', 'file is required (multipart form field "file")');
      if (url) throw invalid('url', `url is only for video links, not for ${kind}`);
      const detected = await fileTypeFromFile(file.path);
      const problem = uploadProblem(kind, detected?.mime, file.size, this.maxBytes);
      if (problem) {
        const tooLarge = problem.includes('larger than');
        throw new DomainError(
          tooLarge ? ErrorCode.PayloadTooLarge : ErrorCode.UnsupportedMediaType,
          problem,
          [{ field: 'file', messages: [problem] }],
        );
      }
      const id = randomUUID();
      try {
        return await this.dataSource.transaction(async (tx) => {
          const application = await this.applications.lockOwn(tx, user, applicationId);
          this.assertDraft(application);
          await this.assertQuota(tx, applicationId, file.size);
          const material = tx.create(Material, {
            id,
            applicationId,
            kind,
            filename: displayName(file.originalname),
            contentType: detected!.mime,
            size: file.size,
            sha256: null,
            url: null,
          });
          await tx.insert(Material, material);
          // The bytes go in the row's transaction (PostgreSQL driver): both commit, or neither. They are read
          // from multer's temporary file, so a slow client never holds a transaction open.
          const stored = await this.storage.put(
            id,
            createReadStream(file.path, { highWaterMark: 1 << 20 }),
            tx,
          );
          Object.assign(material, stored);
          await tx.update(Material, { id }, stored);
          return mapMaterial(material);
        });
      } catch (error) {
        // The disk driver wrote outside the transaction; the PostgreSQL driver's chunks rolled back with it.
        await this.storage.delete(id).catch(() => undefined);
        throw error;
      }
    } finally {
      if (file) await rm(file.path, { force: true });
    }
  }

  async remove(user: AuthUser, applicationId: string, materialId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const application = await this.applications.lockOwn(tx, user, applicationId);
      this.assertDraft(application);
      const material = await tx.findOneBy(Material, { id: materialId, applicationId });
      if (!material) throw notFound('material', materialId);
      await tx.delete(Material, { id: materialId });
    });
    await this.storage.delete(materialId);
  }

  /**
   * The owner and staff may download; a panel once the application is scheduled before it (auditions room).
   * `range` and `ifRange` are the request's headers: a range is read from the storage alone, not from the start.
   */
  async download(
    user: AuthUser,
    applicationId: string,
    materialId: string,
    { range, ifRange }: { range?: string; ifRange?: string } = {},
  ): Promise<MaterialDownload> {
    const material = await this.materials.findOne({
      where: { id: materialId, applicationId },
      relations: { application: true },
    });
    if (!material?.application) throw notFound('material', materialId);
    const own = policy.isStaff(user) || material.application.applicantId === user.id;
    policy.visibleOr404(
      own || (await this.applications.mayViewMaterial(user, applicationId)),
      'material',
      materialId,
    );
    const file = storedFileOf(material);
    if (!file) throw invalid('materialId', 'This material is a link, not a file');
    const bytes = requestedBytes(file.size, range, ifRange, etagOf(file));
    if (bytes === 'unsatisfiable') return { satisfiable: false, size: file.size };
    const stream = await this.storage.get(material.id, bytes === 'whole' ? undefined : bytes);
    return downloadOf(file, bytes, stream);
  }

  private async save(
    user: AuthUser,
    applicationId: string,
    values: Partial<Material>,
  ): Promise<MaterialView> {
    return this.dataSource.transaction(async (tx) => {
      const application = await this.applications.lockOwn(tx, user, applicationId);
      this.assertDraft(application);
      await this.assertQuota(tx, applicationId, 0);
      const material = tx.create(Material, { ...values, applicationId });
      await tx.save(material);
      return mapMaterial(material);
    });
  }

  /**
   * Per-application quotas (UPLOAD_MAX_FILES_PER_APPLICATION, UPLOAD_MAX_BYTES_PER_APPLICATION), counted under the
   * application's row lock (lockOwn), so two uploads at once cannot both squeeze under the limit.
   */
  private async assertQuota(tx: EntityManager, applicationId: string, adding: number): Promise<void> {
    const [held] = (await tx.query(
      'SELECT count(*)::int AS files, COALESCE(sum(size), 0)::bigint AS bytes FROM materials WHERE application_id = $1',
      [applicationId],
    )) as Array<{ files: number; bytes: string }>;
    const problem = quotaProblem({ files: held.files, bytes: Number(held.bytes) }, adding, this.quota);
    if (problem) {
      throw new DomainError(ErrorCode.QuotaExceeded, problem, [{ field: 'file', messages: [problem] }]);
    }
  }

  private assertDraft(application: Application): void {
    if (application.status !== 'draft') {
      throw new DomainError(
        ErrorCode.InvalidState,
        `The application is ${application.status}; material can only change while it is a draft`,
      );
    }
  }
}

/** A material's stored file, or undefined for a link. */
function storedFileOf(material: Material): DownloadableMaterial | undefined {
  if (material.url || !material.contentType || material.size === null || !material.sha256) return undefined;
  return { ...material, contentType: material.contentType, size: material.size, sha256: material.sha256 };
}
