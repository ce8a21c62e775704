// Issue 5, item 2: "a staff member registers, the unit head returns it with a reason, the member
// fixes and resubmits, the head approves".
//
// The demo lives on 16/12/2024, after the registration deadline (31/01/2024): the server is started
// on 20/01/2024 instead. Phạm Thị Lan Anh (canbo, Phòng Quản lý khoa học) registers Lao động tiên
// tiến with measurable targets; Lê Quang Vinh (truongphong, head of the unit) returns it with a
// reason; she fixes it and sends it again; he approves it. Should the demo already hold her
// registration (made in January), the Office (vanphong) reopens it first.

import { test, expect, Page } from '@playwright/test';
import { startTdkt, Server } from '../lib/server';
import { login, logout, openNav } from '../lib/app';

let server: Server;

test.beforeAll(async () => {
  server = await startTdkt(['demo', '--today', '2024-01-20']);
});

test.afterAll(async () => {
  await server?.stop();
});

const REASON = 'Chỉ tiêu thẩm định cần ghi rõ số hồ sơ; bổ sung thời hạn.';

/** The target editor's row `n` (1-based): its inputs by their labels. */
function row(page: Page, n: number) {
  return {
    name: page.getByLabel(`Tên chỉ tiêu dòng ${n}`, { exact: true }),
    value: page.getByLabel(`Giá trị đăng ký dòng ${n}`, { exact: true }),
    unit: page.getByLabel(`Đơn vị tính dòng ${n}`, { exact: true }),
    due: page.getByLabel(`Thời hạn dòng ${n}`, { exact: true }),
  };
}

/** Her registration page's status badge. */
const status = (page: Page) => page.locator('#registration-status');

/** Makes sure canbo may edit her registration: reopened by the Office if the demo has one sent. */
async function editable(page: Page) {
  await login(page, server.url, 'canbo');
  await openNav(page, 'Đăng ký thi đua');
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng ký thi đua năm 2024' })).toBeVisible();
  if (await page.getByRole('button', { name: 'Lưu và gửi duyệt' }).isVisible()) return;
  const link = page.getByRole('link', { name: 'Xem bản đăng ký, lịch sử và tải về' });
  const href = await link.getAttribute('href');
  await logout(page);
  await login(page, server.url, 'vanphong');
  await page.goto(`${server.url}${href}`);
  await page.getByRole('button', { name: 'Mở lại' }).click();
  await expect(page.getByRole('status')).toContainText('Đã mở lại bản đăng ký của Phạm Thị Lan Anh');
  await logout(page);
  await login(page, server.url, 'canbo');
  await openNav(page, 'Đăng ký thi đua');
}

test('a member registers, her head returns it with a reason, she fixes and resubmits, he approves', async ({ page }) => {
  // She registers: a title, a commitment, two targets (the second row added with the button).
  await editable(page);
  await expect(page.locator('dd', { hasText: '31/01/2024' })).toBeVisible();
  await page.getByLabel('Danh hiệu đăng ký').selectOption({ label: 'Lao động tiên tiến' });
  await page.getByLabel(/^Cam kết/).fill('Hoàn thành tốt nhiệm vụ; không để hồ sơ quá hạn.');
  await row(page, 1).name.fill('Thẩm định hồ sơ đề tài cấp tỉnh');
  await row(page, 1).value.fill('12');
  await row(page, 1).unit.fill('hồ sơ');
  await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
  const rows = await page.locator('input[name="t_name"]').count();
  expect(rows).toBeGreaterThanOrEqual(2);
  await expect(page.getByText('Thay đổi chưa được lưu')).toBeVisible();
  const last = row(page, rows);
  await last.name.fill('Bài báo khoa học');
  await last.value.fill('1.234,5');
  await last.unit.fill('');
  await page.getByRole('button', { name: 'Lưu và gửi duyệt' }).click();
  // A target without a unit of measure is refused, naming its row; nothing is sent.
  await expect(page.getByRole('alert').filter({ hasText: 'Chưa lưu được vì' })).toContainText(
    `Chỉ tiêu dòng ${rows} – đơn vị tính: không được để trống`,
  );
  await row(page, rows).value.fill('2');
  await row(page, rows).unit.fill('bài báo');
  await page.getByRole('button', { name: 'Lưu và gửi duyệt' }).click();
  await expect(status(page)).toHaveText('Chờ duyệt');
  await expect(page.getByRole('status')).toContainText('Đã gửi bản đăng ký thi đua');
  const url = page.url();
  await logout(page);

  // Her head finds it on his unit's page and returns it with a reason.
  await login(page, server.url, 'truongphong');
  await openNav(page, 'Đăng ký thi đua');
  await page.getByRole('link', { name: 'Đăng ký của đơn vị' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Phòng Quản lý khoa học');
  const her = page.locator('table.members tr', { hasText: 'Phạm Thị Lan Anh' });
  await expect(her).toContainText('Chờ duyệt');
  await her.getByRole('link', { name: 'Phạm Thị Lan Anh' }).click();
  await expect(page.getByRole('cell', { name: 'Thẩm định hồ sơ đề tài cấp tỉnh' })).toBeVisible();
  await page.getByLabel('Lý do trả lại').fill(REASON);
  await page.getByRole('button', { name: 'Trả lại' }).click();
  await expect(status(page)).toHaveText('Bị trả lại');
  await expect(page.locator('.return-reason')).toContainText(REASON);
  await logout(page);

  // She reads the reason, adds the due date and sends it again.
  await login(page, server.url, 'canbo');
  await openNav(page, 'Đăng ký thi đua');
  await expect(page.locator('.return-reason')).toContainText(REASON);
  await row(page, 1).due.fill('30/11/2024');
  await row(page, 1).value.fill('15');
  await page.getByRole('button', { name: 'Lưu và gửi duyệt' }).click();
  await expect(status(page)).toHaveText('Chờ duyệt');
  expect(page.url()).toBe(url);
  await logout(page);

  // He approves it from his unit's list; the versions are all kept.
  await login(page, server.url, 'truongphong');
  await openNav(page, 'Đăng ký thi đua');
  await page.getByRole('link', { name: 'Đăng ký của đơn vị' }).click();
  await page.locator('table.members tr', { hasText: 'Phạm Thị Lan Anh' }).getByRole('button', { name: 'Duyệt' }).click();
  await expect(status(page)).toHaveText('Đã duyệt');
  const versions = page.locator('table.versions tbody tr');
  await expect(versions.first()).toContainText('Duyệt');
  await expect(page.locator('table.versions')).toContainText(REASON);
  expect(await versions.count()).toBeGreaterThanOrEqual(4);
});
