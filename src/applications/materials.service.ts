import { Injectable, StreamableFile } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { fileTypeFromFile } from 'file-type';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DataSource, Repository } from 'typeorm';
import type { AuthUser } from '../common/auth.js';
import { policy } from '../common/policy.js';
import { DomainError, ErrorCode, invalid, notFound } from '../common/errors.js';
import type { Env } from '../config/env.js';
import { Application } from './application.entity.js';
import { ApplicationsService } from './applications.service.js';
import { mapMaterial, type MaterialView } from './applications.mapper.js';
import { displayName, linkProblem, MATERIAL_KINDS, uploadProblem } from './materials.js';
import { Material } from './material.entity.js';

/** A file multer has written to the temporary folder. */
export interface UploadedTempFile {
  path: string;
  originalname: string;
  size: number;
}

@Injectable()
export class MaterialsService {
  private readonly dir: string;

  constructor(
    @InjectRepository(Material) private readonly materials: Repository<Material>,
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    config: ConfigService<Env, true>,
  ) {
    this.dir = resolve(config.get('UPLOAD_DIR'));
    this.maxBytes = config.get('UPLOAD_MAX_BYTES');
  }

  private readonly maxBytes: number;

  /** Stores a file (checked by its first bytes, hashed, named by id) or a video link; only the owner, only a draft. */
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
      const sha256 = await hashFile(file.path);
      const id = randomUUID();
      await mkdir(this.dir, { recursive: true });
      await rename(file.path, join(this.dir, id));
      try {
        return await this.save(user, applicationId, {
          id,
          kind,
          filename: displayName(file.originalname),
          contentType: detected!.mime,
          size: file.size,
          sha256,
          url: null,
        });
      } catch (error) {
        await rm(join(this.dir, id), { force: true });
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
    await rm(join(this.dir, materialId), { force: true });
  }

  /** The owner and staff may download; a panel once the application is scheduled before it (auditions room). */
  async download(user: AuthUser, applicationId: string, materialId: string): Promise<StreamableFile> {
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
    if (material.url || !material.contentType)
      throw invalid('materialId', 'This material is a link, not a file');
    return new StreamableFile(createReadStream(join(this.dir, material.id)), {
      type: material.contentType,
      length: material.size ?? undefined,
      disposition: `attachment; filename="${encodeURIComponent(material.filename ?? 'file')}"`,
    });
  }

  private async save(
    user: AuthUser,
    applicationId: string,
    values: Partial<Material>,
  ): Promise<MaterialView> {
    return this.dataSource.transaction(async (tx) => {
      const application = await this.applications.lockOwn(tx, user, applicationId);
      this.assertDraft(application);
      const material = tx.create(Material, { ...values, applicationId });
      await tx.save(material);
      return mapMaterial(material);
    });
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

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}
