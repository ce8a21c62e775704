// Issue 5, item 4: "a returned report is resubmitted and the diff is shown".
//
// The demo on 01/06/2024, before the mid-year deadline (05/06): truongphong (head of Phòng Quản lý
// khoa học) writes and submits the unit's mid-year report; vanphong returns it with a reason; the
// head reads the reason, edits the results and sends it again; the Office sees what changed since
// the returned version (deleted and inserted words), accepts it, and finds it counted on time on
// the dashboard.

import { test, expect, Page } from '@playwright/test';
import { startTdkt, Server } from '../lib/server';
import { login, logout, openNav } from '../lib/app';

let server: Server;

test.beforeAll(async () => {
  server = await startTdkt(['demo', '--today', '2024-06-01']);
});

test.afterAll(async () => {
  await server?.stop();
});

/** Opens the unit's mid-year report from the plan's list of reports (starting it if needed). */
async function openMidYear(page: Page) {
  await openNav(page, 'Báo cáo sơ kết, tổng kết');
  await expect(page.getByRole('heading', { level: 1, name: 'Báo cáo sơ kết, tổng kết năm 2024' })).toBeVisible();
  const row = page.locator('table.reports tbody tr[data-unit="QLKH"][data-kind="mid_year"]');
  await expect(row).toHaveCount(1);
  const start = row.getByRole('button', { name: 'Lập báo cáo' });
  if (await start.count()) {
    await start.click();
  } else {
    await row.getByRole('link', { name: 'Xem' }).click();
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Báo cáo sơ kết năm 2024 — Phòng Quản lý khoa học',
  );
}

test('a returned mid-year report is fixed, resubmitted and the Office sees the difference', async ({ page }) => {
  // The head writes and submits.
  await login(page, server.url, 'truongphong');
  await openMidYear(page);
  await expect(page.getByText('Số liệu (tính đến hôm nay, 01/06/2024)')).toBeVisible();
  await page.getByLabel('Kết quả đạt được').fill('Hoàn thành 8 chỉ tiêu đã đăng ký.\nTổ chức 2 hội thảo khoa học.');
  await page.getByLabel('Mô hình, cách làm hay').fill('Số hoá hồ sơ đề tài.');
  await page.getByLabel('Kiến nghị, đề xuất').fill('Bổ sung kinh phí.');
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(page.locator('.flash')).toHaveText('Đã gửi báo cáo về Văn phòng.');
  await expect(page.locator('#report-status')).toHaveText('Đã gửi, chờ tiếp nhận');
  await expect(page.locator('#report-timeliness')).toHaveText('Đúng hạn');
  await logout(page);

  // The Office returns it; the reason is required.
  await login(page, server.url, 'vanphong');
  await openMidYear(page);
  await page.getByRole('button', { name: 'Trả lại báo cáo' }).click();
  await expect(page.locator('.errors')).toContainText('Lý do trả lại');
  await page.getByLabel('Lý do trả lại').fill('Ghi rõ số chỉ tiêu đã đạt theo số liệu đăng ký.');
  await page.getByRole('button', { name: 'Trả lại báo cáo' }).click();
  await expect(page.locator('#report-status')).toHaveText('Bị trả lại');
  await logout(page);

  // The head sees the reason, fixes the text and sends it again.
  await login(page, server.url, 'truongphong');
  await openMidYear(page);
  await expect(page.locator('#return-reason')).toContainText('Ghi rõ số chỉ tiêu đã đạt theo số liệu đăng ký.');
  await page.getByLabel('Kết quả đạt được').fill('Hoàn thành 10 chỉ tiêu đã đăng ký.\nTổ chức 2 hội thảo khoa học.');
  await page.getByRole('button', { name: 'Gửi lại báo cáo' }).click();
  await expect(page.locator('#report-status')).toHaveText('Đã gửi, chờ tiếp nhận');
  await logout(page);

  // The Office sees what changed since the returned version, and accepts.
  await login(page, server.url, 'vanphong');
  await openMidYear(page);
  const diff = page.locator('#report-diff');
  await expect(diff.getByRole('heading', { name: 'Thay đổi so với bản bị trả lại' })).toBeVisible();
  await expect(diff.getByRole('heading', { level: 3, name: 'Kết quả đạt được' })).toBeVisible();
  await expect(diff.locator('del')).toHaveText(['8']);
  await expect(diff.locator('ins')).toHaveText(['10']);
  await expect(page.locator('#report-history tbody tr')).toHaveCount(3);
  await page.getByRole('button', { name: 'Tiếp nhận báo cáo' }).click();
  await expect(page.locator('#report-status')).toHaveText('Đã tiếp nhận');

  // On the dashboard: on time, returned once.
  await openNav(page, 'Theo dõi phong trào');
  await expect(page.getByRole('heading', { level: 1, name: 'Theo dõi phong trào thi đua năm 2024' })).toBeVisible();
  const cell = page.locator('#dash-units tr[data-unit="QLKH"] td[data-kind="mid_year"]');
  await expect(cell).toContainText('Đúng hạn');
  await expect(cell).toContainText('trả lại 1');
});
