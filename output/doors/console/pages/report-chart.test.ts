import { describe, expect, it } from 'vitest';
import { chartDays, reportChartSvg } from './report-chart.js';

describe('the reported-by-day chart', () => {
  const input = {
    firstReceipts: ['2013-08-14T02:00:00Z', '2013-08-14T20:00:00Z', '2013-08-16T01:00:00Z', null],
    deadline: '2013-08-18T18:00:00+08:00',
    asOf: '2013-08-20T02:00:00Z',
  };

  it('counts units by their first receipt day in Beijing time, up to the later of deadline and data', () => {
    const { days, deadlineIndex } = chartDays(input);
    expect(days[0]!.date).toBe('2013-08-12');
    expect(days.at(-1)!.date).toBe('2013-08-20');
    // 20:00 UTC on the 14th is the 15th in Beijing.
    expect(days.find((day) => day.date === '2013-08-14')).toEqual({ date: '2013-08-14', added: 1, total: 1 });
    expect(days.find((day) => day.date === '2013-08-15')).toEqual({ date: '2013-08-15', added: 1, total: 2 });
    expect(days.at(-1)!.total).toBe(3);
    expect(days[deadlineIndex!]!.date).toBe('2013-08-18');
  });

  it('draws a bar per day with reports, the running line, the deadline, without inline styles', () => {
    const svg = reportChartSvg(input).text;
    expect(svg.match(/<rect /g)).toHaveLength(3);
    expect(svg).toContain('<polyline');
    expect(svg).toContain('截止');
    expect(svg).toContain('已报送 3 个，共 4 个单位');
    expect(svg).not.toContain('style=');
  });

  it('ends a day after the deadline when the data is from years later', () => {
    const { days } = chartDays({ ...input, asOf: '2026-12-02T06:00:00Z' });
    expect(days.at(-1)!.date).toBe('2013-08-19');
    expect(days[0]!.date).toBe('2013-08-12');
  });

  it('draws a campaign nobody has reported to yet', () => {
    const svg = reportChartSvg({ firstReceipts: [null, null], deadline: input.deadline, asOf: null }).text;
    expect(svg).not.toContain('<rect ');
    expect(svg).toContain('已报送 0 个，共 2 个单位');
  });

  it('puts the 截止 label above the plot, where the running line never goes', () => {
    const everyone = { ...input, firstReceipts: ['2013-08-14T02:00:00Z', '2013-08-15T02:00:00Z'] };
    const svg = reportChartSvg(everyone).text;
    const label = /<text [^>]*y="([\d.]+)"[^>]*>截止<\/text>/.exec(svg);
    const line = /<polyline points="([^"]+)"/
      .exec(svg)![1]!
      .split(' ')
      .map((point) => Number(point.split(',')[1]));
    expect(label).not.toBeNull();
    // Text sits on its baseline: 11 px of it above y. The line's highest point (all reported) is below.
    expect(Number(label![1])).toBeLessThan(Math.min(...line));
  });
});
