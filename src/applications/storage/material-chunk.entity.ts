import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Material } from '../material.entity.js';

/**
 * About 1 MiB of an uploaded file's bytes, stored by the PostgreSQL driver. Every chunk but the last holds
 * exactly CHUNK_BYTES, so the chunks holding a byte range are found by arithmetic. Deleting the material
 * deletes its chunks (the foreign key cascades), in the same transaction.
 *
 * Never loaded through TypeORM (that would read whole files): the driver reads and writes it with SQL, one
 * chunk at a time. The entity keeps the schema described for `migration:generate`.
 */
@Entity('material_chunks')
export class MaterialChunk {
  @PrimaryColumn({ name: 'material_id', type: 'uuid' })
  materialId: string;

  /** 0, 1, 2, …: chunk n holds bytes n × CHUNK_BYTES onwards. */
  @PrimaryColumn({ type: 'integer' })
  n: number;

  @ManyToOne(() => Material, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'material_id' })
  material?: Relation<Material>;

  @Column({ type: 'bytea' })
  data: Buffer;
}
