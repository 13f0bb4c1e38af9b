/** Where an uploaded file goes in the export zip: under files/, by its id, with its name made safe for any disk. */
export function exportedFileName(id: string, filename: string | null): string {
  const safe = (filename ?? '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .replace(/^[.\s]+/, '')
    .slice(0, 120);
  return `files/${id}${safe ? `-${safe}` : ''}`;
}
