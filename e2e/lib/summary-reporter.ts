// Prints one closing line a CI log reader recognises: "e2e: N passed, N failed, N skipped".
// A test marked `test.fail()` (a known bug) that fails as expected counts as passed, as
// Playwright itself counts it.
import type { Reporter, TestCase, TestResult, FullResult } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  private outcomes = new Map<string, ReturnType<TestCase['outcome']>>();

  printsToStdio() {
    return true;
  }

  onTestEnd(test: TestCase, _result: TestResult) {
    this.outcomes.set(test.id, test.outcome());
  }

  onEnd(_result: FullResult) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const o of this.outcomes.values()) {
      if (o === 'expected' || o === 'flaky') passed++;
      else if (o === 'skipped') skipped++;
      else failed++;
    }
    process.stdout.write(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
