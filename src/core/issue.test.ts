import { describe, expect, it } from 'vitest';
import { IssueCollector, shownIssues } from './issue.js';
import { issueAt as issue } from './issue.test-helper.js';

describe('IssueCollector', () => {
  it('past the cap, an error takes the place of the latest warning kept (a flood of warnings hides no error)', () => {
    const c = new IssueCollector(3);
    for (let row = 1; row <= 5; row++) c.add(issue(row, 'warning'));
    c.add(issue(6, 'error'));
    c.add(issue(7, 'error'));
    c.add(issue(8, 'warning'));
    expect(c.issues.map((i) => `${i.row}${i.severity[0]}`)).toEqual(['1w', '6e', '7e']);
    expect([c.errors, c.warnings, c.dropped]).toEqual([2, 6, 5]);
  });

  it('keeps the first errors when the cap holds only errors', () => {
    const c = new IssueCollector(2);
    for (let row = 1; row <= 4; row++) c.add(issue(row, 'error'));
    expect(c.issues.map((i) => i.row)).toEqual([1, 2]);
    expect(c.dropped).toBe(2);
  });

  it('a listing cut short shows the errors first, each in its place among the warnings kept', () => {
    const issues = [issue(1, 'warning'), issue(2, 'warning'), issue(3, 'warning'), issue(4, 'error')];
    expect(shownIssues(issues, 2).map((i) => `${i.row}${i.severity[0]}`)).toEqual(['1w', '4e']);
    expect(shownIssues(issues, 9)).toBe(issues);
  });
});
