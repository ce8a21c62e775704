// Issue 2: "log in as each demo account and see that role's dashboard".
//
// One `tdkt demo` server (fresh SQLite --data) for the whole file; each account signs in from the
// login page, where demo mode lists the accounts, and sees its own dashboard section and the
// navigation its role should have.

import { test, expect } from '@playwright/test';
import { startTdkt, Server } from '../lib/server';
import { login, logout, mainNav, readmeShot } from '../lib/app';

let server: Server;

test.beforeAll(async () => {
  server = await startTdkt(['demo']);
});

test.afterAll(async () => {
  await server?.stop();
});

interface Expected {
  username: string;
  /** The name in the page header. */
  displayName: string;
  /** The section title(s) of the dashboard. */
  sections: string[];
  /** The main navigation, in order. */
  nav: string[];
}

const PEOPLE_NAV = ['Tổng quan', 'Đơn vị', 'Cán bộ'];
/** Every navigation item these tests know of. */
const KNOWN_NAV = ['Tổng quan', 'Đơn vị', 'Cán bộ', 'Hồ sơ của tôi', 'Nhập Excel', 'Cơ quan', 'Tài khoản', 'Nhật ký'];

const ACCOUNTS: Expected[] = [
  {
    username: 'admin',
    displayName: 'Quản trị hệ thống',
    sections: ['Quản trị hệ thống'],
    nav: [...PEOPLE_NAV, 'Nhập Excel', 'Cơ quan', 'Tài khoản', 'Nhật ký'],
  },
  {
    username: 'lanhdao',
    displayName: 'Triệu Ngọc Trung',
    sections: ['Lãnh đạo'],
    nav: PEOPLE_NAV,
  },
  {
    username: 'vanphong',
    displayName: 'Nguyễn Thị Thu Hương',
    sections: ['Văn phòng — thường trực công tác thi đua'],
    nav: [...PEOPLE_NAV, 'Nhập Excel', 'Nhật ký'],
  },
  {
    username: 'hoidong',
    displayName: 'Vũ Đức Thắng',
    sections: ['Hội đồng Thi đua – Khen thưởng'],
    nav: PEOPLE_NAV,
  },
  {
    username: 'truongphong',
    displayName: 'Lê Quang Vinh',
    sections: ['Đơn vị của tôi'],
    nav: PEOPLE_NAV,
  },
  {
    username: 'canbo',
    displayName: 'Phạm Thị Lan Anh',
    sections: ['Của tôi'],
    nav: ['Tổng quan', 'Hồ sơ của tôi'],
  },
];

test('the login page lists the demo accounts in demo mode', async ({ page }) => {
  await page.goto(server.url + '/');
  // Anonymous: sent to the login page.
  await expect(page).toHaveURL(/\/dang-nhap$/);
  await expect(page).toHaveTitle(/Đăng nhập/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { name: 'Tài khoản trình diễn' })).toBeVisible();
  const table = page.getByRole('table');
  const names = table.locator('tbody tr td:first-child');
  await expect(names).toHaveText(ACCOUNTS.map((a) => a.username));
  await expect(page.getByText('Mật khẩu của mọi tài khoản:')).toContainText('demo');
});

test('a wrong password is refused without saying whether the account exists', async ({ page }) => {
  await page.goto(server.url + '/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill('vanphong');
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await page.getByLabel('Tên đăng nhập').fill('khong-co-ai');
  await page.getByLabel('Mật khẩu').fill('demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeVisible();
});

for (const acc of ACCOUNTS) {
  test(`${acc.username} signs in and sees the dashboard of the role`, async ({ page }) => {
    await login(page, server.url, acc.username);
    await expect(page).toHaveURL(server.url + '/');
    await expect(page.locator('header .who')).toContainText(acc.displayName);
    // The demo lives on 16/12/2024.
    await expect(page.locator('header .who')).toContainText('16/12/2024');
    for (const title of acc.sections) {
      await expect(page.getByRole('heading', { level: 2, name: title, exact: true })).toBeVisible();
    }
    // The items of this role, in order (later issues add more items: they are not listed here)…
    await expect(mainNav(page).getByRole('link')).toContainText(acc.nav);
    // …and none of the items the role must not have.
    for (const item of KNOWN_NAV.filter((i) => !acc.nav.includes(i))) {
      await expect(mainNav(page).getByRole('link', { name: item, exact: true })).toHaveCount(0);
    }
    const current = mainNav(page).locator('[aria-current="page"]');
    await expect(current).toHaveText('Tổng quan');
    // Every tile shows a figure.
    const stats = page.locator('main .stat');
    expect(await stats.count()).toBeGreaterThan(0);
    for (const s of await stats.all()) {
      await expect(s).toHaveText(/\S/);
    }

    if (acc.username === 'vanphong') {
      // Screenshots for the README (1366×768): the dashboard and the people list.
      await readmeShot(page, 'dashboard.png');
      await mainNav(page).getByRole('link', { name: 'Cán bộ', exact: true }).click();
      await expect(page.getByText(/^\d+ người, xếp theo tên\.$/)).toBeVisible();
      await readmeShot(page, 'people.png');
      await page.goto(server.url + '/');
    }
    if (acc.username === 'canbo') {
      // Staff see their own record, and nothing of the office's tools.
      await mainNav(page).getByRole('link', { name: 'Hồ sơ của tôi' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText(acc.displayName);
      await expect(page.getByRole('link', { name: 'Sửa hồ sơ' })).toHaveCount(0);
      await page.goto(server.url + '/');
    }
    if (!acc.nav.includes('Nhập Excel')) {
      const r = await page.goto(server.url + '/can-bo/nhap');
      expect(r?.status()).toBe(403);
      await page.goto(server.url + '/');
    }
    if (acc.nav.includes('Nhập Excel')) {
      await mainNav(page).getByRole('link', { name: 'Nhập Excel' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Nhập cán bộ từ Excel' })).toBeVisible();
    }
    if (acc.nav.includes('Nhật ký')) {
      await mainNav(page).getByRole('link', { name: 'Nhật ký' }).click();
      await expect(mainNav(page).locator('[aria-current="page"]')).toHaveText('Nhật ký');
    } else {
      const r = await page.goto(server.url + '/nhat-ky');
      expect(r?.status()).toBe(403);
      await page.goto(server.url + '/');
    }

    await logout(page);
    // The session is over: the dashboard asks for a login again.
    await page.goto(server.url + '/');
    await expect(page).toHaveURL(/\/dang-nhap$/);
  });
}
