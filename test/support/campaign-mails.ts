/**
 * The mail of the test campaigns of other shapes, as the units sent it: shared by the tests that
 * read it (test/campaign-*.test.ts) and those of the outputs made from it (test/campaign-outputs.test.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../intake/kernel/package-root.js';
import type { UnitMail } from './campaign-run.js';

export async function scan(name: string) {
  return { filename: name, content: await readFile(join(packageRoot(), 'test', 'fixtures', 'attachments', 'scan.pdf')) };
}

/** yinhuan-2026: seven units, a correction that resends only the list, a late report, a unit that sent nothing. */
export async function yinhuanMails(): Promise<UnitMail[]> {
  return [
    {
      unit: '庞村镇',
      subject: '庞村镇汛期安全隐患排查整治材料',
      received: '2026-05-20 09:30',
      files: ['庞村镇汛期隐患排查统计表及台账.xlsx', '庞村镇汛期安全隐患排查整治工作报告.docx', await scan('庞村镇签字盖章扫描件.pdf')],
    },
    {
      unit: '李村镇',
      subject: '李村镇隐患排查统计表、整改台账及报告',
      received: '2026-05-21 10:00',
      files: ['李村镇隐患排查统计表.xlsx', '李村镇重大隐患整改台账.xlsx', '李村镇自查报告.docx', await scan('李村镇盖章扫描件.pdf')],
    },
    {
      unit: '李村镇',
      subject: '【更正】李村镇重大隐患整改台账',
      received: '2026-05-22 15:00',
      files: ['李村镇重大隐患整改台账（更正）.xlsx'],
    },
    {
      unit: '寇店镇',
      subject: '寇店镇隐患排查材料',
      received: '2026-05-22 11:20',
      files: ['寇店镇隐患排查统计表.xls', '寇店镇工作报告.docx'],
    },
    {
      unit: '诸葛镇',
      subject: '诸葛镇汛期安全隐患排查整治工作报告',
      received: '2026-05-26 08:10',
      files: ['诸葛镇汛期安全隐患排查整治工作报告.docx', await scan('诸葛镇签字盖章扫描件.pdf')],
    },
    {
      unit: '区水利局',
      subject: '区水利局隐患排查材料',
      received: '2026-05-23 16:45',
      files: ['区水利局隐患排查材料.xlsx', '区水利局工作报告.docx', await scan('区水利局盖章扫描件.pdf')],
    },
    {
      unit: '区住建局',
      subject: '区住建局隐患排查统计表',
      received: '2026-05-24 09:05',
      files: ['区住建局隐患排查统计表.xlsx', '区住建局工作报告.docx', await scan('区住建局签字盖章扫描件.pdf')],
    },
  ];
}

/** huamingce-2026: a list only; four units, one with errors, one that sent nothing. */
export function huamingceMails(): UnitMail[] {
  return [
    { unit: '庞村镇', subject: '庞村镇保密培训人员花名册', received: '2026-06-15 10:00', files: ['庞村镇保密培训花名册.xlsx'] },
    { unit: '李村镇', subject: '李村镇保密培训花名册', received: '2026-06-16 11:30', files: ['李村镇保密培训花名册.docx'] },
    { unit: '寇店镇', subject: '寇店镇保密培训花名册', received: '2026-06-17 09:00', files: ['寇店镇保密培训花名册.xlsx'] },
    { unit: '区财政局', subject: '区财政局保密培训花名册', received: '2026-06-18 15:20', files: ['区财政局保密培训花名册.xlsx'] },
  ];
}
