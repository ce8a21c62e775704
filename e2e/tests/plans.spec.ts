// Issue 5, item 1: "the office publishes the plan".
//
// The demo, created as usual (as of 16/12/2024), is served on 10/01/2025: the agency has its 2024
// plan and none for 2025 yet. The Office (vanphong) makes the 2025 draft from the 2024 plan, checks
// the deadlines the draft carried over (moved to 2025), moves the registration deadline past Tết
// Ất Tỵ (29/01/2025) to 14/02/2025 — a typo in the year is refused, naming the field, and the form
// keeps what was typed — and publishes the plan with its number and date. Before that, staff see
// that the year's plan is not launched and cannot open the draft; after it, a staff member
// (canbo) and a unit head (truongphong, Phòng Quản lý khoa học) find on their dashboard what is
// asked of them and by when — the plan's own dates, not constants — and on /phong-trao the
// movements, phases and deadlines of the year.

import { test, expect, Page, Locator } from '@playwright/test';
import { startTdkt, runTdktOk, tempDir, removeTemp, Server } from '../lib/server';
import { login, logout, openNav } from '../lib/app';

const TODAY = '2025-01-10';

let server: Server;
let dataDir = '';

test.beforeAll(async () => {
  dataDir = tempDir('tdkt-e2e-plan-');
  await runTdktOk(['demo', '--no-serve', '--data', dataDir]);
  server = await startTdkt(['demo', '--today', TODAY], { dataDir });
});

test.afterAll(async () => {
  await server?.stop();
  if (dataDir) removeTemp(dataDir);
});

/** The dashboard's section about the year's launched plan. */
const agenda = (page: Page) => page.locator('section.agenda');

/** The dashboard's line for one thing asked, by what it is ("Đăng ký thi đua cá nhân"). */
function agendaRow(page: Page, what: string): Locator {
  return agenda(page).locator('table.deadlines tbody tr').filter({
    has: page.locator('td:nth-child(2)', { hasText: new RegExp(`^${what}$`) }),
  });
}

/** Checks one line of "what is asked of me": due date, time left and status. */
async function expectAsked(page: Page, what: string, due: string, left: string, status: string | RegExp) {
  const row = agendaRow(page, what);
  await expect(row, what).toHaveCount(1);
  await expect(row.locator('td').nth(2)).toHaveText(due);
  await expect(row.locator('td').nth(3)).toHaveText(left);
  await expect(row.locator('td').nth(4)).toHaveText(status);
}

/** The editor's deadline row `i` (0-based; the draft keeps the order of the 2024 plan). */
function deadline(page: Page, i: number) {
  return {
    kind: page.locator(`#dk${i}`),
    date: page.locator(`#dd${i}`),
    text: page.locator(`#ds${i}`),
  };
}

test('the Office publishes the 2025 plan; staff and unit heads see what is asked of them and by when', async ({
  page,
  browser,
}) => {
  const url = server.url;

  // A staff member, on her own computer: no plan launched for 2025 yet.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await login(staff, url, 'canbo');
  await expect(staff.locator('header .who')).toContainText('10/01/2025');
  await expect(staff.getByText('Sở Khoa học và Công nghệ: kế hoạch thi đua năm 2025 chưa được phát động.')).toBeVisible();
  await expect(agenda(staff)).toHaveCount(0);
  await openNav(staff, 'Phong trào');
  await expect(staff.getByRole('heading', { level: 1, name: 'Phong trào thi đua năm 2025' })).toBeVisible();
  await expect(staff.getByText('Chưa có kế hoạch thi đua năm 2025 nào được phát động.')).toBeVisible();

  // The Office makes the 2025 draft from the agency's latest plan.
  await login(page, url, 'vanphong');
  await expect(page.getByText('Sở Khoa học và Công nghệ: kế hoạch thi đua năm 2025 chưa được phát động.')).toBeVisible();
  await openNav(page, 'Kế hoạch');
  await expect(page.getByRole('heading', { level: 1, name: 'Kế hoạch phát động phong trào thi đua' })).toBeVisible();
  const plans = page.getByRole('table').locator('tbody tr');
  await expect(plans).toHaveCount(1);
  await expect(plans.first()).toContainText('Kế hoạch năm 2024');
  await expect(plans.first()).toContainText('Đã phát động');
  // The year without a plan yet is offered.
  await expect(page.getByLabel('Năm')).toHaveValue('2025');
  await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
  await expect(page.locator('.flash')).toHaveText('Đã tạo bản dự thảo kế hoạch năm 2025; hãy sửa nội dung.');
  await expect(page.getByRole('heading', { level: 1, name: 'Sửa kế hoạch năm 2025' })).toBeVisible();
  const editUrl = page.url();
  const planPath = new URL(editUrl).pathname.replace(/\/sua$/, '');
  await expect(page.getByLabel('Trích yếu')).toHaveValue('Phát động phong trào thi đua năm 2025');
  await expect(page.getByLabel('Họ và tên người ký')).toHaveValue('Triệu Ngọc Trung');

  // The four deadlines of 2024, moved to 2025.
  const carried: [string, string][] = [
    ['registration', '31/01/2025'],
    ['mid_year_report', '05/06/2025'],
    ['year_end_report', '05/11/2025'],
    ['rating', '15/12/2025'],
  ];
  for (const [i, [kind, date]] of carried.entries()) {
    await expect(deadline(page, i).kind).toHaveValue(kind);
    await expect(deadline(page, i).date).toHaveValue(date);
  }
  await expect(page.locator('#dd4')).toHaveCount(0);
  await expect(page.locator('#pn0')).toHaveValue('Đợt thi đua thứ nhất');
  await expect(page.locator('#ps0')).toHaveValue('01/01/2025');
  await expect(page.locator('#pe1')).toHaveValue('31/12/2025');

  // Registration after Tết: a slip in the year is refused, naming the field; what was typed stays.
  const registration = deadline(page, 0);
  await registration.date.fill('14/02/2024');
  // The year named in the deadlines' texts is renewed with their dates.
  const rating = deadline(page, 3);
  await expect(rating.text).toHaveValue(/người lao động năm 2025 /);
  await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
  const errors = page.getByRole('alert');
  await expect(errors).toContainText('Chưa lưu được vì:');
  await expect(errors).toContainText('Hạn «Đăng ký thi đua»: ngày 14/02/2024 nằm ngoài năm của kế hoạch (2025)');
  await expect(registration.date).toHaveValue('14/02/2024');
  await expect(rating.text).toHaveValue(/người lao động năm 2025 /);
  await registration.date.fill('14/02/2025');
  await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
  await expect(page.locator('.flash')).toHaveText('Đã lưu kế hoạch.');
  await expect(page.getByRole('heading', { level: 1, name: 'Kế hoạch phát động phong trào thi đua năm 2025' })).toBeVisible();

  // The plan's page: still a draft, with its deadlines.
  const props = page.locator('dl.props');
  await expect(props).toContainText('Dự thảo');
  const deadlines = page.locator('.card', { has: page.getByRole('heading', { name: 'Các hạn' }) }).locator('li');
  await expect(deadlines).toHaveCount(4);
  await expect(deadlines.nth(0)).toContainText('14/02/2025 — Đăng ký thi đua');
  await expect(deadlines.nth(1)).toContainText('05/06/2025 — Gửi báo cáo sơ kết');
  await expect(deadlines.nth(2)).toContainText('05/11/2025 — Gửi báo cáo tổng kết');
  await expect(deadlines.nth(3)).toContainText('15/12/2025 — Đánh giá, xếp loại chất lượng');
  await expect(deadlines.nth(3)).toContainText('người lao động năm 2025');

  // A draft is the Office's: staff neither see it listed nor open it.
  await openNav(staff, 'Kế hoạch');
  await expect(staff.getByRole('table').locator('tbody')).not.toContainText('Kế hoạch năm 2025');
  const hidden = await staff.goto(url + planPath);
  expect(hidden?.status()).toBe(404);
  await staff.goto(url + '/');
  await expect(staff.getByText('kế hoạch thi đua năm 2025 chưa được phát động')).toBeVisible();

  // Phát động, with the number and date from the register of outgoing documents.
  await page.getByLabel('Số văn bản').fill('5');
  await page.getByLabel('Ngày ban hành (dd/mm/yyyy)').fill('10/01/2025');
  await page.getByRole('button', { name: 'Phát động kế hoạch' }).click();
  await expect(page.locator('.flash')).toHaveText(
    'Đã phát động kế hoạch năm 2025: mọi cán bộ trong cơ quan thấy kế hoạch và các hạn của mình.',
  );
  await expect(props).toContainText('Đã phát động ngày 10/01/2025');
  await expect(props).toContainText('Số: 05/KH-KHCN');
  await expect(props).toContainText('Bắc Giang, ngày 10 tháng 01 năm 2025');
  await expect(page.getByRole('button', { name: 'Phát động kế hoạch' })).toHaveCount(0);
  await openNav(page, 'Kế hoạch');
  const launched = page.getByRole('table').locator('tbody tr', { hasText: 'Kế hoạch năm 2025' });
  await expect(launched).toContainText('05/KH-KHCN ngày 10/01/2025');
  await expect(launched).toContainText('Đã phát động 10/01/2025');

  // The Office's own dashboard: the units' deadlines of the new plan.
  await openNav(page, 'Tổng quan');
  await expect(agenda(page).getByRole('heading', { level: 2 })).toHaveText('Việc cần làm theo kế hoạch thi đua năm 2025');
  await expectAsked(page, 'Đăng ký thi đua của các phòng, đơn vị', '14/02/2025', 'còn 35 ngày', /^0\/\d+ đơn vị đã gửi$/);
  await expectAsked(page, 'Báo cáo sơ kết của các phòng, đơn vị', '05/06/2025', 'còn 146 ngày', /^0\/\d+ đơn vị đã gửi$/);
  await expectAsked(page, 'Báo cáo tổng kết của các phòng, đơn vị', '05/11/2025', 'còn 299 ngày', /^0\/\d+ đơn vị đã gửi$/);
  await expectAsked(page, 'Xếp loại chất lượng cán bộ của cơ quan', '15/12/2025', 'còn 339 ngày', /người chưa xếp loại$/);
  await expect(page.getByText('kế hoạch thi đua năm 2025 chưa được phát động')).toHaveCount(0);
  await logout(page);

  // The staff member: her registration, due on the plan's new date.
  await staff.goto(url + '/');
  await expect(staff.getByText('kế hoạch thi đua năm 2025 chưa được phát động')).toHaveCount(0);
  await expect(agenda(staff).getByRole('heading', { level: 2 })).toHaveText('Việc cần làm theo kế hoạch thi đua năm 2025');
  await expect(agenda(staff)).toContainText('Đang diễn ra: Đợt thi đua thứ nhất (01/01/2025 – 30/06/2025).');
  await expect(agenda(staff)).toContainText('Ngày kỷ niệm sắp tới: 03/02/2025 — 95 năm Ngày thành lập Đảng Cộng sản Việt Nam.');
  await expect(agenda(staff).locator('table.deadlines tbody tr')).toHaveCount(1);
  await expectAsked(staff, 'Đăng ký thi đua cá nhân', '14/02/2025', 'còn 35 ngày', 'Chưa đăng ký');
  await expect(agendaRow(staff, 'Đăng ký thi đua cá nhân').getByRole('link')).toHaveAttribute('href', '/dang-ky?nam=2025');

  // …and the year's movements, phases and deadlines, for everyone.
  await agenda(staff).getByRole('link', { name: /phong trào thi đua, các đợt và ngày kỷ niệm/ }).click();
  await expect(staff.getByRole('heading', { level: 1, name: 'Phong trào thi đua năm 2025' })).toBeVisible();
  await expect(staff.getByText('theo Kế hoạch phát động phong trào thi đua năm 2025')).toBeVisible();
  expect(await staff.locator('.card.movement').count()).toBeGreaterThanOrEqual(3);
  const current = staff.locator('.card.phase', { hasText: 'đang diễn ra' });
  await expect(current).toHaveCount(1);
  await expect(current).toContainText('Đợt thi đua thứ nhất');
  await expect(current).toContainText('01/01/2025 – 30/06/2025');
  const milestones = staff.locator('table.plan-deadlines tbody tr');
  await expect(milestones).toHaveCount(4);
  const expected: [string, string, string][] = [
    ['Đăng ký thi đua', '14/02/2025', 'còn 35 ngày'],
    ['Gửi báo cáo sơ kết', '05/06/2025', 'còn 146 ngày'],
    ['Gửi báo cáo tổng kết', '05/11/2025', 'còn 299 ngày'],
    ['Đánh giá, xếp loại chất lượng', '15/12/2025', 'còn 339 ngày'],
  ];
  for (const [i, [label, due, left]] of expected.entries()) {
    await expect(milestones.nth(i).locator('td').nth(0)).toHaveText(label);
    await expect(milestones.nth(i).locator('td').nth(1)).toHaveText(due);
    await expect(milestones.nth(i).locator('td').nth(2)).toHaveText(left);
  }
  await expect(milestones.nth(3)).toContainText('người lao động năm 2025');
  await staffContext.close();

  // The unit head: his own registration, his unit's and its members', its two reports, the rating.
  await login(page, url, 'truongphong');
  await expect(agenda(page).getByRole('heading', { level: 2 })).toHaveText('Việc cần làm theo kế hoạch thi đua năm 2025');
  const unit = 'Phòng Quản lý khoa học';
  await expectAsked(page, 'Đăng ký thi đua cá nhân', '14/02/2025', 'còn 35 ngày', 'Chưa đăng ký');
  await expectAsked(page, `Đăng ký thi đua của ${unit}`, '14/02/2025', 'còn 35 ngày', 'Chưa đăng ký');
  await expectAsked(page, `Đăng ký thi đua của cán bộ ${unit}`, '14/02/2025', 'còn 35 ngày', /^0\/\d+ người đã gửi, 0 đã duyệt$/);
  await expectAsked(page, `Báo cáo sơ kết của ${unit}`, '05/06/2025', 'còn 146 ngày', 'Chưa gửi');
  await expectAsked(page, `Báo cáo tổng kết của ${unit}`, '05/11/2025', 'còn 299 ngày', 'Chưa gửi');
  await expectAsked(page, `Xếp loại chất lượng cán bộ ${unit}`, '15/12/2025', 'còn 339 ngày', /người chưa xếp loại$/);
  await expect(agendaRow(page, `Đăng ký thi đua của ${unit}`).getByRole('link')).toHaveAttribute(
    'href',
    /^\/dang-ky\/don-vi\/\d+\?nam=2025$/,
  );
  await openNav(page, 'Phong trào');
  await expect(page.locator('table.plan-deadlines tbody tr').first()).toContainText('14/02/2025');
});
