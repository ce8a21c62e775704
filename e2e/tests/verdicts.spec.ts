// Issue 3, item 6: "the emulation office sees the whole agency as a table it can filter and export;
// a person's page shows this year's verdicts with their reasons".
//
// vanphong opens the office's table of 2024 verdicts, filters it to CSTĐ cấp tỉnh / eligible,
// finds the demo's illustrative case (Ngô Văn Khải, KHCN040: CSTĐCS 2022–2024 and a province-wide
// initiative), exports the filtered table, opens his page and reads the verdict, who decides it
// and its citations.

import { test, expect } from '@playwright/test';
import { Workbook } from 'exceljs';
import { startTdkt, Server } from '../lib/server';
import { login, openNav, tableRows } from '../lib/app';

let server: Server;

test.beforeAll(async () => {
  server = await startTdkt(['demo']);
});

test.afterAll(async () => {
  await server?.stop();
});

test('the office filters the 2024 verdicts, exports them and opens a CSTĐ cấp tỉnh candidate', async ({ page }) => {
  await login(page, server.url, 'vanphong');
  await openNav(page, 'Xét khen thưởng');
  await expect(page.getByRole('heading', { level: 1, name: 'Xét khen thưởng năm 2024' })).toBeVisible();
  const people = page.locator('table.verdicts-people tbody tr');
  expect(await people.count()).toBeGreaterThan(100);

  // Filter by a code and a verdict (htmx reloads the table on each change).
  await page.getByLabel('Danh hiệu, hình thức').selectOption({ label: 'Chiến sĩ thi đua cấp tỉnh' });
  await expect(page).toHaveURL(/[?&]code=CSTD_TINH/);
  await page.getByLabel('Kết quả').selectOption({ label: 'Đủ điều kiện' });
  await expect(page).toHaveURL(/[?&]verdict=eligible/);
  await expect(people).toHaveCount(1);
  await expect(people.first().locator('td').first()).toHaveText('KHCN040');
  await expect(page.locator('#verdicts-count')).toContainText('1 người.');

  // The export holds the same rows.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Xuất Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Xét khen thưởng KHCN 2024.xlsx');
  const wb = new Workbook();
  await wb.xlsx.readFile(await download.path());
  const sheet = wb.worksheets[0];
  expect(String(sheet.getCell('A1').value)).toContain('KẾT QUẢ XÉT KHEN THƯỞNG NĂM 2024');
  expect(sheet.getCell('B4').value).toBe('KHCN040');
  expect(sheet.getCell('C4').value).toBe('Ngô Văn Khải');
  expect(sheet.getCell('B5').value).toBeNull();

  // His page: this year's verdicts, who decides, and why.
  await people.first().getByRole('link', { name: 'Ngô Văn Khải', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ngô Văn Khải');
  const section = page.locator('#xet-khen-thuong');
  await expect(section.getByRole('heading', { level: 2, name: 'Xét khen thưởng năm 2024' })).toBeVisible();
  const summary = tableRows(page, section.locator('table.verdicts-summary'));
  const tinhRow = summary.filter({ hasText: 'Chiến sĩ thi đua cấp tỉnh' });
  await expect(tinhRow.locator('td').nth(1)).toHaveText('Đủ điều kiện');
  await expect(tinhRow.locator('td').nth(2)).toHaveText('Đề nghị Chủ tịch UBND tỉnh quyết định');
  const csRow = summary.filter({ hasText: 'Chiến sĩ thi đua cơ sở' });
  await expect(csRow.locator('td').nth(2)).toHaveText('Giám đốc Sở quyết định');

  const tinh = section.locator('#xkt-CSTD_TINH');
  await expect(tinh.getByRole('heading', { level: 4 })).toHaveText('Chiến sĩ thi đua cấp tỉnh — Đủ điều kiện');
  await expect(tinh).toContainText('3 năm liên tục đạt Chiến sĩ thi đua cơ sở (2022–2024)');
  await expect(tinh).toContainText('SKT-2024-040');
  await expect(tinh).toContainText('Luật Thi đua, khen thưởng 2022, Điều 22');
  await expect(section.locator('#xkt-CSTDCS')).toContainText('Luật Thi đua, khen thưởng 2022, Điều 23');

  // The ladder ahead: Bằng khen tỉnh is missing an initiative, earliest 2025.
  await expect(section.getByRole('heading', { level: 3, name: 'Lộ trình phía trước' })).toBeVisible();
  await expect(section.locator('ul.ladder-ahead')).toContainText('Bằng khen của Chủ tịch UBND tỉnh — sớm nhất năm 2025');
  await expect(section.locator('#xkt-BK_TINH li.bad').first()).toContainText('cần 2 sáng kiến');
});
