import { describe, expect, it } from 'vitest';
import type { Issue } from '../core/index.js';
import { issueAt as issue } from '../core/issue.test-helper.js';
import { issuesSection } from '../report/index.js';
import { formatIssues } from './format-issues.js';

const warnings = (n: number): Issue[] => Array.from({ length: n }, (_, k) => issue(k + 1, 'warning'));

describe('issue listings cut short', () => {
  it('the terminal listing shows an error that comes after its first 50 warnings', () => {
    const text = formatIssues([...warnings(60), issue(61, 'error')], { CARD_EXPIRED: 60, TYPE_INTEGER: 1 });
    expect(text).toContain('error   row 61 (line 62)');
    expect(text).toContain('… 11 more');
  });

  it("the report's issue table shows an error that comes after its first 2,000 warnings", () => {
    const html = issuesSection(
      [...warnings(2100), issue(2101, 'error')],
      { CARD_EXPIRED: 2100, TYPE_INTEGER: 1 },
      0,
    );
    expect(html).toContain('<td>2101</td>');
  });
});
