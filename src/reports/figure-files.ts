import ExcelJS from 'exceljs';
import { spreadsheetCsv, type CsvColumn } from '../common/spreadsheet-csv.js';
import type { Shown } from './suppression.js';

/** A table of figures as words for people: headings and rows of cells, ready for CSV and the workbook. */
export interface FigureSheet {
  /** The sheet's name (at most 31 characters, Excel's limit). */
  name: string;
  headings: string[];
  rows: Array<Array<string | Shown | null>>;
}

/** One table as a CSV for a Danish Excel (the one writer, common/spreadsheet-csv.ts). */
export function figureCsv(sheet: FigureSheet): string {
  const columns: CsvColumn<Array<string | Shown | null>>[] = sheet.headings.map((header, i) => ({
    header,
    cell: (row) => row[i],
  }));
  return spreadsheetCsv(columns, sheet.rows);
}

/** A year's figures as one XLSX workbook (exceljs), a sheet per table; "<5" stays text, counts are numbers. */
export async function figureWorkbook(sheets: FigureSheet[], creator: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = creator;
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name.slice(0, 31));
    ws.addRow(sheet.headings).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row.map((cell) => cell ?? ''));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.columns.forEach((column, i) => {
      column.width = Math.max(10, Math.min(40, (sheet.headings[i] ?? '').length + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
