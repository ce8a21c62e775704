// Issue 5: "a unit misses the mid-year deadline and appears on the office's late list and gets an
// email".
//
// The demo, created as of 06/06/2024 — the day after the mid-year report's deadline (05/06; the
// day itself is in time), when Phòng Kế hoạch – Tài chính has not sent its report yet (it comes on
// 07/06) — is served on that day with tdkt's SMTP settings
// pointing at the real SMTP server scripts/test starts (scripts/smtp-sink.py: TEST_SMTP_PORT, and
// TEST_SMTP_DIR where each message lands as a .json file) and the reminders' scheduler running
// every second. The Office sees the units whose report is missing, on its dashboard and on its
// list of reports; the head of one of them (the demo's account of that unit's head:
// truongphong for Phòng Quản lý khoa học, truongphong.<code> for the others) gives their e-mail
// address on their account page, finds the reminder under Thông báo, and the reminder e-mail
// reaches the SMTP server.

import { test, expect, Page } from '@playwright/test';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { startTdkt, runTdktOk, tempDir, removeTemp, Server } from '../lib/server';
import { login, logout, openNav } from '../lib/app';

const SMTP_PORT = process.env.TEST_SMTP_PORT;
const SMTP_DIR = process.env.TEST_SMTP_DIR;
const DAY_AFTER = '2024-06-06';
const SUBJECT = '[tdkt] Đã quá hạn: Gửi báo cáo sơ kết (hạn 05/06/2024)';

interface Mail {
  rcpt_tos: string[];
  subject: string;
  body: string;
  headers: Record<string, string>;
}

/** The messages the SMTP sink received for an address. */
function mailTo(address: string): Mail[] {
  if (!SMTP_DIR || !existsSync(SMTP_DIR)) return [];
  return readdirSync(SMTP_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(SMTP_DIR, f), 'utf8')) as Mail)
    .filter((m) => m.rcpt_tos.includes(address));
}

let server: Server | undefined;
let dataDir = '';

test.beforeAll(async () => {
  if (!SMTP_PORT || !SMTP_DIR) return;
  dataDir = tempDir('tdkt-e2e-remind-');
  await runTdktOk(['demo', '--no-serve', '--data', dataDir, '--today', DAY_AFTER]);
  server = await startTdkt(['demo', '--today', DAY_AFTER], {
    dataDir,
    env: {
      TDKT_SMTP_HOST: '127.0.0.1',
      TDKT_SMTP_PORT: SMTP_PORT,
      TDKT_SMTP_FROM: 'Văn phòng Sở KH&CN <tdkt@khcn.bacgiang.gov.vn>',
      TDKT_REMINDER_TICK_SECONDS: '1',
      TDKT_PUBLIC_URL: 'https://tdkt.khcn.bacgiang.gov.vn',
    },
  });
});

test.afterAll(async () => {
  await server?.stop();
  if (dataDir) removeTemp(dataDir);
});

/** The units listed late for the mid-year report on the Office's dashboard. */
async function lateUnits(page: Page): Promise<string[]> {
  const late = page.locator('#tre-han-mid-year-report');
  await expect(late.getByRole('heading', { level: 3 })).toContainText(
    'Chưa gửi báo cáo sơ kết (hạn 05/06/2024)',
  );
  return (await late.locator('li').allTextContents()).map((s) => s.trim());
}

test('a unit misses the mid-year deadline: it is on the office\'s late list and its head gets an e-mail', async ({
  page,
}) => {
  test.skip(
    !SMTP_PORT || !SMTP_DIR,
    'TEST_SMTP_PORT / TEST_SMTP_DIR are not set: scripts/test starts the SMTP sink (scripts/smtp-sink.py)',
  );
  const url = server!.url;

  // The Office, the day after the deadline.
  await login(page, url, 'vanphong');
  await expect(page.locator('header .who')).toContainText('06/06/2024');
  const agenda = page.locator('section.agenda');
  await expect(agenda.getByRole('heading', { level: 2 })).toContainText(
    'Việc cần làm theo kế hoạch thi đua năm 2024',
  );
  const row = agenda.locator('table.deadlines tr', { hasText: 'Báo cáo sơ kết của các phòng, đơn vị' });
  await expect(row).toContainText('05/06/2024');
  await expect(row).toContainText('quá hạn 1 ngày');
  const late = await lateUnits(page);

  // The Office's list of reports says the same: missing after the deadline.
  await openNav(page, 'Báo cáo sơ kết, tổng kết');
  await expect(page.getByRole('heading', { level: 1, name: 'Báo cáo sơ kết, tổng kết năm 2024' })).toBeVisible();
  const missing = page.locator('table.reports tbody tr[data-kind="mid_year"]', { hasText: 'Quá hạn, chưa gửi' });
  const listed: { code: string; name: string }[] = [];
  for (const row of await missing.all()) {
    listed.push({
      code: (await row.getAttribute('data-unit')) ?? '',
      name: ((await row.locator('td').first().textContent()) ?? '').trim(),
    });
  }
  const both = listed.filter((u) => late.includes(u.name) && u.name !== 'Lãnh đạo Sở');
  expect(both.length, `late units: dashboard ${late.join(', ')}; list ${listed.map((u) => u.name).join(', ')}`).toBeGreaterThan(0);
  const target = both.find((u) => u.code === 'QLKH') ?? both[0];
  const unit = target.name;
  await logout(page);

  // The head of that unit, with the demo's account.
  const head = target.code === 'QLKH' ? 'truongphong' : `truongphong.${target.code.toLowerCase()}`;

  const address = `${head}.${Date.now().toString(36)}@khcn.bacgiang.gov.vn`;
  await login(page, url, head, 'demo');
  // The reminder is already in the app: the bell counts it, the list shows it.
  await expect(page.locator('#bell-count')).toHaveText(/^[1-9]\d*$/);
  const mine = page.locator('section.agenda table.deadlines tr', { hasText: `Báo cáo sơ kết của ${unit}` });
  await expect(mine).toContainText('Chưa gửi');
  await page.locator('#bell').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thông báo' })).toBeVisible();
  const note = page.locator('table.notifications tr', { hasText: 'Đã quá hạn: Gửi báo cáo sơ kết (hạn 05/06/2024)' });
  await expect(note).toContainText(`Báo cáo sơ kết của ${unit}: Chưa gửi`);

  // No address yet: the head gives one; the next pass of the scheduler e-mails the reminder.
  await page.goto(url + '/tai-khoan');
  await expect(page.locator('#email-nhac-han')).toContainText('Chưa có địa chỉ e-mail');
  await page.getByLabel('Địa chỉ e-mail của tài khoản').fill(address);
  await page.getByRole('button', { name: 'Lưu địa chỉ' }).click();
  await expect(page.getByRole('status')).toContainText('Đã lưu địa chỉ e-mail nhận nhắc hạn.');
  await expect(page.locator('#email-nhac-han')).toContainText(`Thư nhắc gửi tới: ${address}`);

  await expect.poll(() => mailTo(address).length, { timeout: 30_000 }).toBeGreaterThan(0);
  const mails = mailTo(address);
  expect(mails).toHaveLength(1);
  expect(mails[0].subject).toBe(SUBJECT);
  expect(mails[0].body).toContain(`Báo cáo sơ kết của ${unit}: Chưa gửi`);
  expect(mails[0].body).toContain('https://tdkt.khcn.bacgiang.gov.vn/');
  expect(mails[0].headers['X-Tdkt-Reminder']).toMatch(/^remind:\d+:mid_year_report:2024-06-05:\d+:missed$/);
  // Later passes send nothing more.
  await page.waitForTimeout(2_500);
  expect(mailTo(address)).toHaveLength(1);

  // Marking it read empties the bell.
  await page.goto(url + '/thong-bao');
  await page.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
  await expect(page.locator('#bell-count')).toHaveCount(0);
});
