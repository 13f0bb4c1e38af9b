/**
 * What a track asks of an application, as data (column `tracks.requirements`, loaded by a migration).
 * One generic checker reads it, so a new track or a changed rule is a data change, not a code branch.
 */
export interface TrackRequirements {
  /** A list of pieces to play: how many, and how long together. */
  repertoire?: { minPieces: number; maxPieces: number; maxTotalMinutes?: number };
  /** Files to upload, by kind: at least `min` of each. */
  uploads?: UploadRequirement[];
  motivation?: { required: true };
  /** Pieces named by title (TGK: a monologue and a song). */
  namedPieces?: NamedPieceRequirement[];
  /** What to bring to the audition, for invitation e-mails. */
  bringDa?: string;
  bringEn?: string;
}

/** The kinds of upload the requirements name; the applications room accepts at least these. */
export const UPLOAD_KINDS = ['work', 'cv', 'portfolio'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

export interface UploadRequirement {
  kind: UploadKind;
  min: number;
  labelDa: string;
  labelEn: string;
}

export interface NamedPieceRequirement {
  key: string;
  labelDa: string;
  labelEn: string;
}

/** What the checker needs to know of an application (the applications room builds it on submit). */
export interface ApplicationContent {
  motivation?: string | null;
  repertoire?: { title?: string | null; composer?: string | null; durationMinutes?: number | null }[];
  namedPieces?: Record<string, string | null | undefined>;
  /** Number of uploaded files per kind. */
  uploads?: Record<string, number>;
}

/** Which rule an item falls short of: a client (the pages) words each one in the reader's language. */
export type MissingRule =
  | 'motivation'
  | 'piece-count'
  | 'piece-title'
  | 'piece-duration'
  | 'total-minutes'
  | 'uploads'
  | 'named-piece';

export interface MissingItem {
  /** A field path a client can point at, e.g. `repertoire`, `repertoire.1.durationMinutes`, `uploads.cv`. */
  item: string;
  /** The sentence in English, as the API says it. */
  message: string;
  rule: MissingRule;
  /** The numbers and names the rule's sentence needs (`piece` counts from 1). */
  params?: {
    min?: number;
    max?: number;
    count?: number;
    piece?: number;
    total?: number;
    labelDa?: string;
    labelEn?: string;
  };
}

const blank = (value: string | null | undefined) => !value || value.trim() === '';
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Every way the application falls short of the track's requirements; empty when it is complete. */
export function missingRequirements(req: TrackRequirements, input: ApplicationContent): MissingItem[] {
  const missing: MissingItem[] = [];

  if (req.motivation?.required && blank(input.motivation)) {
    missing.push({ item: 'motivation', message: 'A motivation is required', rule: 'motivation' });
  }

  if (req.repertoire) {
    const { minPieces, maxPieces, maxTotalMinutes } = req.repertoire;
    const pieces = input.repertoire ?? [];
    if (pieces.length < minPieces || pieces.length > maxPieces) {
      const wanted = minPieces === maxPieces ? `${minPieces}` : `${minPieces} to ${maxPieces}`;
      missing.push({
        item: 'repertoire',
        message: `The repertoire must list ${wanted} pieces (it lists ${pieces.length})`,
        rule: 'piece-count',
        params: { min: minPieces, max: maxPieces, count: pieces.length },
      });
    }
    pieces.forEach((piece, i) => {
      if (blank(piece.title)) {
        missing.push({
          item: `repertoire.${i}.title`,
          message: `Piece ${i + 1} needs a title`,
          rule: 'piece-title',
          params: { piece: i + 1 },
        });
      }
      if (
        maxTotalMinutes !== undefined &&
        !(typeof piece.durationMinutes === 'number' && piece.durationMinutes > 0)
      ) {
        missing.push({
          item: `repertoire.${i}.durationMinutes`,
          message: `Piece ${i + 1} needs its duration in minutes`,
          rule: 'piece-duration',
          params: { piece: i + 1 },
        });
      }
    });
    const total = pieces.reduce(
      (sum, p) => sum + (p.durationMinutes && p.durationMinutes > 0 ? p.durationMinutes : 0),
      0,
    );
    if (maxTotalMinutes !== undefined && total > maxTotalMinutes) {
      missing.push({
        item: 'repertoire',
        message: `The repertoire lasts ${total} minutes in total; at most ${maxTotalMinutes} minutes are allowed`,
        rule: 'total-minutes',
        params: { total, max: maxTotalMinutes },
      });
    }
  }

  for (const upload of req.uploads ?? []) {
    const have = input.uploads?.[upload.kind] ?? 0;
    if (have < upload.min) {
      missing.push({
        item: `uploads.${upload.kind}`,
        message:
          upload.min === 1
            ? `Upload ${article(upload.labelEn)} ${upload.labelEn}`
            : `Upload at least ${plural(upload.min, upload.labelEn, `${upload.labelEn}s`)} (${have} uploaded)`,
        rule: 'uploads',
        params: { min: upload.min, count: have, labelDa: upload.labelDa, labelEn: upload.labelEn },
      });
    }
  }

  for (const piece of req.namedPieces ?? []) {
    if (blank(input.namedPieces?.[piece.key])) {
      missing.push({
        item: `namedPieces.${piece.key}`,
        message: `Name your ${piece.labelEn}`,
        rule: 'named-piece',
        params: { labelDa: piece.labelDa, labelEn: piece.labelEn },
      });
    }
  }

  return missing;
}

const article = (noun: string) => (/^[aeiou]/i.test(noun) ? 'an' : 'a');
