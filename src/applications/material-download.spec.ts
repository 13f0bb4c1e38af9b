import { dispositionOf, requestedBytes } from './material-download.js';

describe('requestedBytes (Range and If-Range of a download)', () => {
  const size = 3000;
  const etag = '"abc"';

  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=1000-', { start: 1000, end: 2999 }],
    ['bytes=-500', { start: 2500, end: 2999 }],
    ['bytes=2990-5000', { start: 2990, end: 2999 }],
    ['bytes=0-9,5-20', { start: 0, end: 20 }],
  ])('%s → %j', (range, expected) => {
    expect(requestedBytes(size, range, undefined, etag)).toEqual(expected);
  });

  it('a range wholly past the end is unsatisfiable', () => {
    expect(requestedBytes(size, 'bytes=3000-', undefined, etag)).toBe('unsatisfiable');
    expect(requestedBytes(size, 'bytes=5000-6000', undefined, etag)).toBe('unsatisfiable');
  });

  it.each([
    [undefined],
    ['bytes=abc'],
    ['items=0-5'],
    ['bytes=0-9,100-199'], // several ranges: the whole file rather than a multipart answer
  ])('%s → the whole file', (range) => {
    expect(requestedBytes(size, range, undefined, etag)).toBe('whole');
  });

  it('If-Range: the range only while it still names this file', () => {
    expect(requestedBytes(size, 'bytes=0-9', etag, etag)).toEqual({ start: 0, end: 9 });
    expect(requestedBytes(size, 'bytes=0-9', '"other"', etag)).toBe('whole');
    expect(requestedBytes(size, 'bytes=0-9', 'Wed, 21 Oct 2015 07:28:00 GMT', etag)).toBe('whole');
  });
});

describe('dispositionOf', () => {
  it('shows PDF, images, audio and video in the page, under their encoded name', () => {
    expect(dispositionOf({ filename: 'Min sang æøå.mp3', contentType: 'audio/mpeg' })).toBe(
      `inline; filename="${encodeURIComponent('Min sang æøå.mp3')}"`,
    );
    expect(dispositionOf({ filename: null, contentType: 'application/pdf' })).toBe(
      'inline; filename="file.pdf"',
    );
    expect(dispositionOf({ filename: 'x', contentType: 'video/mp4' })).toMatch(/^inline;/);
    expect(dispositionOf({ filename: 'x', contentType: 'image/webp' })).toMatch(/^inline;/);
  });

  it('anything else is saved as a file', () => {
    expect(dispositionOf({ filename: 'noter.html', contentType: 'text/html' })).toBe(
      'attachment; filename="noter.bin"',
    );
    expect(dispositionOf({ filename: 'x.svg', contentType: 'image/svg+xml' })).toMatch(/^attachment;/);
    expect(dispositionOf({ filename: 'x', contentType: 'application/octet-stream' })).toMatch(/^attachment;/);
  });

  it('names the download by the detected type, not the uploaded name', () => {
    expect(dispositionOf({ filename: 'cv.html', contentType: 'application/pdf' })).toBe(
      'inline; filename="cv.pdf"',
    );
    expect(dispositionOf({ filename: 'portræt', contentType: 'image/png' })).toBe(
      `inline; filename="${encodeURIComponent('portræt.png')}"`,
    );
    expect(dispositionOf({ filename: 'sang.mp3.exe', contentType: 'audio/mpeg' })).toBe(
      'inline; filename="sang.mp3.mp3"',
    );
  });
});
