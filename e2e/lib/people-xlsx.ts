// People sheets for the import test, written with exceljs under the headers read from tdkt's own
// template (so a renamed column in the template shows up here as a failure, not a silent skip).

import { Workbook, Worksheet, CellValue } from 'exceljs';

/** A cell: text, or a JS Date written as a real Excel date (the import takes both). */
export type Cell = string | Date;

/** One person, keyed by the template's column headers. */
export type PersonRow = Record<string, Cell>;

/** The header row of the first sheet of an .xlsx. */
export async function headerRow(xlsx: Buffer): Promise<string[]> {
  const wb = new Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws: Worksheet = wb.worksheets[0];
  const out: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    out[col - 1] = cellText(cell.value);
  });
  return out;
}

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

/** Writes rows under exactly these headers (the template's order) and returns the .xlsx bytes. */
export async function writePeople(headers: string[], rows: PersonRow[]): Promise<Uint8Array<ArrayBuffer>> {
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      if (!headers.includes(k)) {
        throw new Error(`the template has no column “${k}” (it has: ${headers.join(', ')})`);
      }
    }
  }
  const wb = new Workbook();
  const ws = wb.addWorksheet('Cán bộ');
  ws.addRow(headers);
  for (const r of rows) {
    ws.addRow(headers.map((h) => r[h] ?? ''));
  }
  // Dates written as Date get a date format; text dates stay text.
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
    }),
  );
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Thanh', 'Công', 'Xuân'];
const MIDDLE_F = ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh', 'Kim', 'Phương', 'Hồng'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hiếu', 'Khánh', 'Lâm', 'Long', 'Nam', 'Phong', 'Quân', 'Sơn', 'Tuấn', 'Việt', 'Thắng'];
const GIVEN_F = ['Chi', 'Giang', 'Hà', 'Hạnh', 'Hoa', 'Huệ', 'Linh', 'Mai', 'Nga', 'Phương', 'Quyên', 'Thảo', 'Uyên', 'Xuân', 'Yến', 'Trang'];
/** Units of Sở KH&CN in the demo (crates/cli/src/demo/org.rs). */
export const UNIT_CODES = ['VP', 'TTRA', 'KHTC', 'QLKH', 'QLCN', 'QLCNG', 'CCTDC-TC', 'CCTDC-DL', 'TTUD'];
const POSITIONS = ['Chuyên viên', 'Chuyên viên', 'Chuyên viên', 'Phó Trưởng phòng', 'Kế toán viên', 'Nhân viên'];
const RANKS: Record<string, string> = {
  'Công chức': 'Chuyên viên',
  'Viên chức': 'Kỹ sư',
  'Người lao động': 'Nhân viên',
};
const CATEGORIES = ['Công chức', 'Công chức', 'Viên chức', 'Người lao động'];

const dd = (n: number) => String(n).padStart(2, '0');
const textDate = (d: number, m: number, y: number) => `${dd(d)}/${dd(m)}/${y}`;

/**
 * `n` plausible, valid people with staff codes `${prefix}0001…`, spread over the demo's units;
 * birth dates alternate between dd/mm/yyyy text and real Excel dates.
 */
export function makePeople(n: number, prefix = 'E2E'): PersonRow[] {
  const rows: PersonRow[] = [];
  for (let i = 0; i < n; i++) {
    const female = i % 2 === 1;
    const family = FAMILY[i % FAMILY.length];
    const middle = (female ? MIDDLE_F : MIDDLE_M)[(i * 7) % 8];
    const given = (female ? GIVEN_F : GIVEN_M)[(i * 5 + Math.floor(i / 16)) % 16];
    const by = 1966 + ((i * 13) % 34);
    const bm = 1 + ((i * 5) % 12);
    const bd = 1 + ((i * 11) % 28);
    const sy = Math.min(by + 22 + (i % 9), 2023);
    const category = CATEGORIES[i % CATEGORIES.length];
    rows.push({
      'Mã cán bộ': `${prefix}${String(i + 1).padStart(4, '0')}`,
      'Họ và tên': `${family} ${middle} ${given}`,
      'Ngày sinh': i % 2 === 0 ? textDate(bd, bm, by) : new Date(Date.UTC(by, bm - 1, bd)),
      'Giới tính': female ? 'Nữ' : 'Nam',
      'Mã đơn vị': UNIT_CODES[i % UNIT_CODES.length],
      'Chức vụ': POSITIONS[i % POSITIONS.length],
      'Ngạch': RANKS[category],
      'Loại': category,
      'Ngày bắt đầu công tác': textDate(1, 1 + (i % 12), sy),
    });
  }
  return rows;
}
