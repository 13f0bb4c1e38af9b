import { displayName, linkProblem, uploadProblem, quotaProblem, downloadName } from './materials.js';

const MAX = 25 * 1024 * 1024;

describe('materials', () => {
  it('accepts a PDF CV and an MP3 work', () => {
    expect(uploadProblem('cv', 'application/pdf', 1000, MAX)).toBeNull();
    expect(uploadProblem('work', 'audio/mpeg', 1000, MAX)).toBeNull();
  });

  it('refuses content that is not what the kind allows, naming what it is', () => {
    expect(uploadProblem('cv', 'image/png', 1000, MAX)).toMatch(/content is image\/png/);
    expect(uploadProblem('cv', undefined, 1000, MAX)).toMatch(/not a recognised type/);
  });

  it('refuses unknown kinds, empty and oversized files, and files for link kinds', () => {
    expect(uploadProblem('selfie', 'image/png', 10, MAX)).toMatch(/kind must be one of/);
    expect(uploadProblem('cv', 'application/pdf', 0, MAX)).toMatch(/empty/);
    expect(uploadProblem('cv', 'application/pdf', 6 * 1024 * 1024, MAX)).toMatch(/larger than 5 MB/);
    expect(uploadProblem('work', 'audio/mpeg', 30 * 1024 * 1024, MAX)).toMatch(/larger than 25 MB/);
    expect(uploadProblem('video', undefined, 10, MAX)).toMatch(/link/);
  });

  it('checks video links', () => {
    expect(linkProblem('https://youtu.be/abc')).toBeNull();
    expect(linkProblem(undefined)).toMatch(/required/);
    expect(linkProblem('javascript:alert(1)')).toMatch(/https/);
    expect(linkProblem('https://user:pw@example.com/v')).toMatch(/user name/);
    expect(linkProblem('not a url')).toMatch(/web address/);
  });

  it('makes a display name without paths or control characters', () => {
    expect(displayName('../../etc/passwd')).toBe('passwd');
    expect(displayName('C:\\Users\\maja\\cv "final".pdf')).toBe('cv _final_.pdf');
  });
});

describe('quotaProblem', () => {
  const limits = { files: 30, bytes: 1024 * 1024 * 1024 };
  it('lets a material in while the count and the total stay within the limits', () => {
    expect(quotaProblem({ files: 29, bytes: 0 }, 1024, limits)).toBeNull();
    expect(quotaProblem({ files: 0, bytes: limits.bytes - 10 }, 10, limits)).toBeNull();
  });
  it('names the count or the total that would be passed', () => {
    expect(quotaProblem({ files: 30, bytes: 0 }, 1, limits)).toMatch(/already holds 30 materials/);
    expect(quotaProblem({ files: 1, bytes: limits.bytes - 10 }, 11, limits)).toMatch(
      /more than 1024 MB in all/,
    );
  });
});

describe('downloadName', () => {
  it('replaces a short extension with the detected type’s, keeps the rest of the name', () => {
    expect(downloadName('Mappe 2027.html', 'application/pdf')).toBe('Mappe 2027.pdf');
    expect(downloadName('.bashrc', 'image/png')).toBe('.bashrc.png');
    expect(downloadName(null, 'audio/wav')).toBe('file.wav');
    expect(downloadName('x', 'application/x-unknown')).toBe('x.bin');
  });
});
