import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A delmål of a third-year project. */
@Entity('project_milestones')
@Index(['projectId', 'dueDate'])
export class Milestone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  /** proposal, midway, final for the defaults; custom for those added later. */
  @Column({ type: 'varchar', length: 12, default: 'custom' })
  kind: string;

  @Column({ length: 200 })
  title: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'completed_by', type: 'uuid', nullable: true })
  completedBy: string | null;

  /** Set when the "due in 7 days" reminder was written (cleared when the due date moves), so it goes once. */
  @Column({ name: 'due_reminder_at', type: 'timestamptz', nullable: true })
  dueReminderAt: Date | null;

  /** Set when the "overdue" message was written (cleared when the due date moves), so it goes once. */
  @Column({ name: 'overdue_reminder_at', type: 'timestamptz', nullable: true })
  overdueReminderAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
