// What a user does again and again in tdkt, in the words of its pages (Vietnamese labels).

import { expect, Page, Locator } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** The password of every demo account (spec/cli.md). */
export const DEMO_PASSWORD = 'demo';

/** Signs in through the login page and waits for the dashboard. */
export async function login(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/dang-nhap`);
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeVisible();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tổng quan' })).toBeVisible();
}

/** Signs out with the header's button and waits for the login page. */
export async function logout(page: Page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeVisible();
}

/** The main navigation (role-dependent). */
export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Điều hướng chính' });
}

/** Opens an item of the main navigation by its label. */
export async function openNav(page: Page, label: string) {
  await mainNav(page).getByRole('link', { name: label, exact: true }).click();
}

/** The total the people list shows ("N người, xếp theo tên."). */
export async function peopleTotal(page: Page): Promise<number> {
  const line = page.getByText(/^\d+ người, xếp theo tên\.$/);
  await expect(line).toBeVisible();
  const m = /^(\d+)/.exec((await line.textContent()) ?? '');
  return Number(m![1]);
}

/** The rows of the first data table's body on the page. */
export function tableRows(page: Page, table?: Locator): Locator {
  return (table ?? page.getByRole('table').first()).locator('tbody tr');
}

/** A screenshot for the README, into e2e/artifacts/. */
export async function readmeShot(page: Page, name: string) {
  const dir = path.resolve(__dirname, '..', 'artifacts');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, name), fullPage: false });
}
