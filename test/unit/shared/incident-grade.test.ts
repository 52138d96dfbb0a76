import { describe, expect, it } from 'vitest';
import { GRADE_CRITERIA, mustReport, suggestedGrade } from '../../../src/shared/incident-grade.js';

describe('incident grading criteria (《网络安全事件分级指南》, annex of the 2025 办法)', () => {
  it('特别重大 uses the final text: 50 % of one or more provinces, and the 24 h portal outage', () => {
    const people = GRADE_CRITERIA.find((c) => c.id === 'people-10m')!;
    expect(people.grade).toBe('特别重大');
    expect(people.zh).toContain('一个或多个省级行政区 50% 以上人口');
    expect(people.zh).not.toContain('30%');
    expect(suggestedGrade(['gov-site-24h'])).toBe('特别重大');
    expect(suggestedGrade(['gov-site-down', 'gov-site-24h'])).toBe('特别重大');
  });

  it('the ticked criteria suggest the most severe grade; 较大 and above start the reporting clock', () => {
    expect(suggestedGrade(['loss-5m-cny', 'pi-10m'])).toBe('重大');
    expect(suggestedGrade([])).toBeUndefined();
    expect(mustReport('较大')).toBe(true);
    expect(mustReport('一般')).toBe(false);
    expect(new Set(GRADE_CRITERIA.map((c) => c.id)).size).toBe(GRADE_CRITERIA.length);
  });
});
