import { describe, expect, it } from 'vitest';
import { createLocale } from '../../../src/daemon/reports/i18n/locale.js';
import { MESSAGES } from '../../../src/daemon/reports/i18n/messages.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('report message catalog', () => {
  it('zh-CN translates every key with the same placeholders', () => {
    const en = MESSAGES.en;
    const zh = MESSAGES['zh-CN'];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      expect(zh[k].trim(), k).not.toBe('');
      expect(placeholders(zh[k]), k).toEqual(placeholders(en[k]));
    }
  });

  it('formats in the customer time zone', () => {
    const ts = Date.parse('2026-11-22T16:30:00Z');
    expect(createLocale('en', 'Asia/Shanghai').dateTime(ts)).toBe('2026-11-23 00:30');
    expect(createLocale('en', 'America/New_York').dateTime(ts)).toBe('2026-11-22 11:30');
    expect(createLocale('zh-CN', 'Asia/Shanghai').day(ts)).toBe('11-23 周一');
    expect(createLocale('en', 'Asia/Shanghai').day(ts)).toBe('11-23 Mon');
  });

  it('fills placeholders and formats rates and durations', () => {
    const l = createLocale('zh-CN', 'UTC');
    expect(l.t('weekly.decided', { n: 4 })).toBe('已研判 4 条');
    expect(l.pct(0.5)).toBe('50%');
    expect(l.pct(null)).toBe('无数据');
    expect(l.minutes(90)).toBe('1.5 小时');
    expect(createLocale('en', 'UTC').minutes(15)).toBe('15 min');
  });
});
