import { describe, expect, it } from 'vitest';
import { findLargeAttachments } from './large-attachments.js';

const NETEASE = `<div>各位好，材料见超大附件。</div><div id="divNeteaseBigAttach" style="clear:both">
<div style="background:#f2f2f2;padding:2px 4px">从网易163邮箱发来的超大附件</div>
<div style="padding:6px 4px"><div style="float:left"><a href="https://mail.163.com/large-attachment-download/index.html?p=X66abc&amp;file=1" target="_blank"><img src="cid:ico-bfile-6.gif" /></a></div>
<div><a href="https://mail.163.com/large-attachment-download/index.html?p=X66abc&amp;file=1" target="_blank">庞村镇自查情况统计表.xlsx</a> <span style="color:#bbb">(35.62M, 2013年9月2日 16:49 到期)</span></div>
<div><a href="http://fs.mail.163.com/fs/service?op=fs_dl_f_a&amp;key=abc">下载</a></div></div>
<div style="padding:6px 4px"><a href="https://mail.163.com/large-attachment-download/index.html?p=X66def">自查报告.docx</a> <span>(48.1M, 2013年9月2日 16:49 到期)</span></div></div>`;

const QQ = `<div>见附件</div><div id="QQMailBigAttach"><div>从QQ邮箱发来的超大附件</div><div>
<a href="https://wx.mail.qq.com/ftn/download?func=3&amp;k=1234&amp;key=abcd&amp;fid=55">统计表.rar</a> (62.3M, 2013年09月17日 10:27 到期)
<a href="https://wx.mail.qq.com/ftn/download?func=3&amp;k=1234">进入下载页面</a></div></div>`;

describe('findLargeAttachments', () => {
  it('names each file of a 163 block with its size, expiry and link; the icon adds nothing', () => {
    expect(findLargeAttachments({ html: NETEASE })).toEqual([
      {
        name: '庞村镇自查情况统计表.xlsx',
        size: '35.62M',
        expires: '2013年9月2日 16:49 到期',
        url: 'https://mail.163.com/large-attachment-download/index.html?p=X66abc&file=1',
      },
      {
        name: '自查报告.docx',
        size: '48.1M',
        expires: '2013年9月2日 16:49 到期',
        url: 'https://mail.163.com/large-attachment-download/index.html?p=X66def',
      },
    ]);
  });
  it('reads a QQ block', () => {
    expect(findLargeAttachments({ html: QQ })).toEqual([
      {
        name: '统计表.rar',
        size: '62.3M',
        expires: '2013年09月17日 10:27 到期',
        url: 'https://wx.mail.qq.com/ftn/download?func=3&k=1234&key=abcd&fid=55',
      },
    ]);
  });
  it('reads the plain-text alternative', () => {
    const text =
      '从网易163邮箱发来的超大附件\n统计表.xlsx (35.62M, 2013年9月2日 16:49 到期)\n下载地址：\nhttp://fs.mail.163.com/fs/service?op=fs_dl_f_a&key=abc\n';
    expect(findLargeAttachments({ text })).toEqual([
      {
        name: '统计表.xlsx',
        size: '35.62M',
        expires: '2013年9月2日 16:49 到期',
        url: 'http://fs.mail.163.com/fs/service?op=fs_dl_f_a&key=abc',
      },
    ]);
  });
  it('finds nothing in ordinary mail', () => {
    expect(findLargeAttachments({ html: '<p>见附件 <a href="https://www.gov.cn/">链接</a></p>', text: '见附件' })).toEqual([]);
  });
});
