/**
 * What may be uploaded as each kind of material. The type is judged from the file's first bytes, never
 * from its name or the browser's claim. Videos are links (URLs), not files.
 */
export interface MaterialKindRule {
  /** Detected MIME types accepted for this kind; empty for link-only kinds. */
  types: string[];
  /** Upper bound in bytes; the global UPLOAD_MAX_BYTES caps every kind. */
  maxBytes: number;
  link?: boolean;
  label: string;
}

const MB = 1024 * 1024;
const AUDIO = [
  'audio/mpeg',
  'audio/wav',
  'audio/x-wav',
  'audio/flac',
  'audio/x-flac',
  'audio/ogg',
  'audio/mp4',
  'audio/x-m4a',
  'video/mp4',
];
const IMAGES = ['image/jpeg', 'image/png', 'image/webp'];
const PDF = ['application/pdf'];

export const MATERIAL_KINDS: Record<string, MaterialKindRule> = {
  work: { types: [...AUDIO, ...PDF], maxBytes: 100 * MB, label: 'a work (audio or PDF score)' },
  recording: { types: AUDIO, maxBytes: 100 * MB, label: 'an audio recording' },
  cv: { types: PDF, maxBytes: 5 * MB, label: 'a CV (PDF)' },
  portfolio: { types: [...PDF, ...IMAGES], maxBytes: 50 * MB, label: 'a portfolio (PDF or images)' },
  score: { types: PDF, maxBytes: 20 * MB, label: 'sheet music (PDF)' },
  other: { types: [...PDF, ...IMAGES], maxBytes: 20 * MB, label: 'other material (PDF or image)' },
  video: { types: [], maxBytes: 0, link: true, label: 'a video link' },
};

export const MATERIAL_KIND_NAMES = Object.keys(MATERIAL_KINDS);

/** What is wrong with an uploaded file of this kind, or null. */
export function uploadProblem(
  kind: string,
  detectedType: string | undefined,
  size: number,
  globalMax: number,
): string | null {
  const rule = MATERIAL_KINDS[kind];
  if (!rule) return `kind must be one of ${MATERIAL_KIND_NAMES.join(', ')}`;
  if (rule.link) return `${kind} is sent as a link: give "url" instead of a file`;
  if (size > Math.min(rule.maxBytes, globalMax))
    return `the file is larger than ${Math.floor(Math.min(rule.maxBytes, globalMax) / MB)} MB`;
  if (size === 0) return 'the file is empty';
  if (!detectedType || !rule.types.includes(detectedType)) {
    return `the file's content is ${detectedType ?? 'not a recognised type'}, but ${kind} must be ${rule.label}`;
  }
  return null;
}

/** What is wrong with a video link, or null: only http(s) links to somewhere, no credentials. */
export function linkProblem(url: string | undefined): string | null {
  if (!url) return 'url is required for a video link';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'url must be a web address like https://youtu.be/...';
  }
  if (!['https:', 'http:'].includes(parsed.protocol)) return 'url must start with https://';
  if (parsed.username || parsed.password) return 'url must not contain a user name or password';
  if (url.length > 2000) return 'url is too long';
  return null;
}

/** A file name safe to show and to put in Content-Disposition. */
export function displayName(name: string | undefined): string {
  const base = (name ?? 'file').split(/[\\/]/).pop() ?? 'file';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f"<>|*?]/g, '_').slice(0, 255) || 'file';
}

/** The file-name extension of each accepted type (what a download is named by: the content, not the upload's name). */
const EXTENSIONS: Record<string, string> = {
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'video/mp4': 'mp4',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/**
 * The name a material is downloaded under: the uploaded name with its extension replaced by the one of the type
 * detected from its bytes ("cv.html" holding a PDF is saved as "cv.pdf"), so no program is chosen by a name the
 * applicant picked. A type without a known extension gets ".bin".
 */
export function downloadName(filename: string | null, contentType: string): string {
  const ext = EXTENSIONS[contentType] ?? 'bin';
  const name = filename ?? 'file';
  const dot = name.lastIndexOf('.');
  const base = dot > 0 && name.length - dot <= 6 ? name.slice(0, dot) : name;
  return `${base || 'file'}.${ext}`;
}

/** Per-application quotas: how many materials and how many bytes in all it may hold, or what is wrong. */
export function quotaProblem(
  held: { files: number; bytes: number },
  adding: number,
  limits: { files: number; bytes: number },
): string | null {
  if (held.files + 1 > limits.files) {
    return `This application already holds ${held.files} materials, the most allowed (${limits.files}); delete one before adding another`;
  }
  if (held.bytes + adding > limits.bytes) {
    const mb = (n: number) => `${Math.floor(n / MB)} MB`;
    return `This file (${mb(adding)}) would bring the application's material to more than ${mb(limits.bytes)} in all (it holds ${mb(held.bytes)}); delete something first or send a smaller file`;
  }
  return null;
}
