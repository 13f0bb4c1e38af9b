import { exportedFileName } from './export-files.js';

describe('exportedFileName', () => {
  it('keeps letters, digits and dots, and nothing that climbs out of files/', () => {
    expect(exportedFileName('m1', 'Åse ../../etc/passwd.pdf')).toBe('files/m1-Åse .._.._etc_passwd.pdf');
    expect(exportedFileName('m1', '..hidden')).toBe('files/m1-hidden');
    expect(exportedFileName('m1', null)).toBe('files/m1');
  });
});
