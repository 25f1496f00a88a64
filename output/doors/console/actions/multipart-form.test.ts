import { describe, expect, it } from 'vitest';
import { readMultipart, uploadedFiles } from './multipart-form.js';

/** A form as a browser sends it, built by the Web FormData of Node's own fetch. */
async function encoded(form: FormData): Promise<{ type: string; body: Buffer }> {
  const request = new Request('http://x/', { method: 'POST', body: form });
  return { type: request.headers.get('content-type')!, body: Buffer.from(await request.arrayBuffer()) };
}

describe('readMultipart', () => {
  it('gives the text fields and the files with their Chinese names and bytes; an empty file input gives none', async () => {
    const form = new FormData();
    form.append('_csrf', 'token');
    form.append('tables', new Blob([Buffer.from('一')]), '附件1 统计表.xlsx');
    form.append('tables', new Blob([Buffer.from('二')]), 'C:\\fakepath\\附件2.xls');
    form.append('notice', new Blob([]), '');
    const { type, body } = await encoded(form);
    const read = await readMultipart(type, body);
    expect(read._csrf).toBe('token');
    expect(uploadedFiles(read, 'tables').map((file) => [file.name, file.content.toString()])).toEqual([
      ['附件1 统计表.xlsx', '一'],
      ['附件2.xls', '二'],
    ]);
    expect(uploadedFiles(read, 'notice')).toEqual([]);
  });

  it('refuses a body that is no multipart form with 400', async () => {
    await expect(readMultipart('multipart/form-data; boundary=x', Buffer.from('not a form'))).rejects.toMatchObject({ statusCode: 400 });
  });
});
