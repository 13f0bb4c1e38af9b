/** Tiny files whose first bytes are what they claim (or deliberately not), for upload tests. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);

export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8ffbf1e000502027f3d3a5b0f0000000049454e44ae426082',
  'hex',
);

export const TEXT = Buffer.from('Dette er ikke en PDF, bare tekst med et forkert navn.\n');
