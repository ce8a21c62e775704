// Browser tests of tdkt in real headless Chromium: Debian's /usr/bin/chromium, never a browser
// downloaded by Playwright (`npx playwright install` cannot work here). The tests start the tdkt
// binary themselves (lib/server.ts), so there is no `webServer` section.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  // Two shared cores in CI, and a debug build of tdkt: one test at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Each test starts its own server (the first `tdkt demo` run creates its database).
  timeout: 240_000,
  expect: { timeout: 15_000 },
  reporter: [['line'], ['./lib/summary-reporter.ts']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
