import { describe, expect, it } from 'vitest';
import { classifyPdfText } from './pdf-text.js';

describe('classifyPdfText', () => {
  it('counts pages by form feeds and takes pages without text for a scan', () => {
    expect(classifyPdfText('\f\f\f')).toEqual({ status: 'scanned', pages: 3 });
    expect(classifyPdfText('第 1 页\f\f')).toEqual({ status: 'scanned', pages: 2 });
    expect(classifyPdfText('一、制度建设情况。我单位已建立保密审查制度。\f')).toEqual({
      status: 'text',
      text: '一、制度建设情况。我单位已建立保密审查制度。',
      pages: 1,
    });
  });

  it('joins pages with line breaks', () => {
    expect(classifyPdfText('第一页的正文内容较长一些。\f第二页的正文内容较长一些。\f')).toMatchObject({
      status: 'text',
      text: '第一页的正文内容较长一些。\n第二页的正文内容较长一些。',
    });
  });
});
