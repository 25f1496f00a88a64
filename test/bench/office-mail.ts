/** Ordinary office mail that shares the mailbox with the campaign (the IMAP benchmarks fill it with thousands). */
import { buildMail } from '../../examples/kit/mime.js';

export function officeMessage(index: number): Buffer {
  const subjects = [
    '关于召开全区安全生产工作会议的通知',
    '工作简报',
    '午餐订餐统计',
    '国庆节值班安排',
    '转发市里的文件',
    '明天下午三点开会',
  ];
  return buildMail({
    from: { address: `colleague${index % 37}@example.cn` },
    subject: `${subjects[index % subjects.length]}（${index}）`,
    date: new Date(Date.UTC(2013, 7, 1, 0, 0, 0, index * 1000)),
    messageId: `<office-${index}@example.cn>`,
    text: `各位同事：\n  ${'请按时参加并做好记录。'.repeat(1 + (index % 5))}\n办公室`,
  });
}
