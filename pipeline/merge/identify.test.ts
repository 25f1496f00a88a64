import { describe, expect, it } from 'vitest';
import type { RosterUnit } from '../../intake/kernel/campaign/roster.js';
import { createIdentifier, type IdentifyInput } from './identify.js';

const roster: RosterUnit[] = [
  { name: '庞村镇', aliases: ['庞村镇人民政府', '庞村'], emails: ['pc@example.cn'] },
  { name: '李村镇', aliases: ['李村'], emails: ['lc@example.cn'] },
  { name: '区财政局', aliases: ['财政局'], emails: ['cz@example.cn'] },
];
const { identify } = createIdentifier(roster);
const input = (partial: Partial<IdentifyInput>): IdentifyInput => ({
  fromAddress: null,
  forwardedFrom: [],
  subject: '',
  fileNames: [],
  tableUnitNames: [],
  ...partial,
});

describe('identify', () => {
  it('knows a unit by its registered address, in any case', () => {
    expect(identify(input({ fromAddress: 'PC@example.cn' }))).toMatchObject({ kind: 'unit', unit: '庞村镇' });
  });

  it('knows a unit by the table when sent from a personal mailbox', () => {
    expect(identify(input({ fromAddress: 'someone@qq.com', tableUnitNames: ['庞村镇人民政府'] }))).toMatchObject({
      kind: 'unit',
      unit: '庞村镇',
    });
  });

  it('knows a unit by an alias in the subject or a file name', () => {
    expect(identify(input({ subject: '庞村自查材料' }))).toMatchObject({ kind: 'unit', unit: '庞村镇' });
    expect(identify(input({ fileNames: ['附件2（财政局）.xlsx'] }))).toMatchObject({ kind: 'unit', unit: '区财政局' });
  });

  it('knows a unit by the sender of a mail forwarded as an attachment', () => {
    expect(identify(input({ fromAddress: 'friend@163.com', forwardedFrom: ['lc@example.cn'] }))).toMatchObject({
      kind: 'unit',
      unit: '李村镇',
    });
  });

  it('never guesses when the address and the table disagree (spoofing)', () => {
    const result = identify(input({ fromAddress: 'lc@example.cn', tableUnitNames: ['庞村镇'] }));
    expect(result).toMatchObject({ kind: 'conflict', candidates: ['李村镇', '庞村镇'] });
  });

  it('never guesses when the table names a unit that is not on the roster', () => {
    expect(identify(input({ fromAddress: 'pc@example.cn', tableUnitNames: ['伊滨区教育局'] }))).toMatchObject({
      kind: 'conflict',
      claimed: '伊滨区教育局',
      candidates: ['庞村镇'],
    });
    expect(identify(input({ fromAddress: 'x@qq.com', tableUnitNames: ['伊滨区教育局'] }))).toMatchObject({
      kind: 'none',
      claimed: '伊滨区教育局',
    });
  });

  it('finds nothing in mail that names no unit', () => {
    expect(identify(input({ fromAddress: 'x@qq.com', subject: '自查情况统计表', fileNames: ['统计表.xlsx'] }))).toMatchObject({
      kind: 'none',
      claimed: null,
    });
  });

  it('keeps the sender when it also sent other units’ tables (a town and its villages)', () => {
    const result = identify(input({ fromAddress: 'pc@example.cn', subject: '庞村镇材料', tableUnitNames: ['庞村镇', '李村镇'] }));
    expect(result).toMatchObject({ kind: 'unit', unit: '庞村镇' });
  });

  it('does not read 庞村 inside 庞村镇人民政府 as a second mention', () => {
    expect(identify(input({ subject: '庞村镇人民政府关于庞村自查的报告' }))).toMatchObject({ kind: 'unit', unit: '庞村镇' });
  });
});

describe('identify in a campaign of several tables', () => {
  it('says which table’s field named the unit, and reads no unit in a table’s name', () => {
    const withTables = createIdentifier([...roster, { name: '区直单位', aliases: [], emails: [] }], ['区直单位保密培训花名册']);
    const result = withTables.identify(
      input({ fileNames: ['区直单位保密培训花名册.xlsx'], tableUnitNames: [{ text: '庞村镇', label: '保密培训花名册的填报单位' }] }),
    );
    expect(result).toMatchObject({ kind: 'unit', unit: '庞村镇' });
    expect(result.evidence).toEqual([{ source: 'table', unit: '庞村镇', text: '庞村镇', label: '保密培训花名册的填报单位' }]);
  });

  const stat = (text: string) => ({ text, label: '统计表填报单位', table: 'stat' });
  const list = (text: string) => ({ text, label: '台账的填报单位', table: 'list' });

  it('never guesses when the sender’s 统计表 comes with another unit’s 台账 (no 台账 of its own)', () => {
    const result = identify(
      input({ fromAddress: 'pc@example.cn', fileNames: ['庞村镇附件2.xlsx'], tableUnitNames: [stat('庞村镇'), list('李村镇')] }),
    );
    expect(result).toMatchObject({ kind: 'conflict', candidates: ['庞村镇', '李村镇'] });
  });

  it('keeps the sender when every table it sent has a copy of its own, or one naming no unit', () => {
    const villages = [stat('庞村镇'), stat('李村镇'), list('李村镇'), list('庞村镇人民政府')];
    expect(identify(input({ fromAddress: 'pc@example.cn', tableUnitNames: villages }))).toMatchObject({ kind: 'unit', unit: '庞村镇' });
    const blankList = [stat('庞村镇'), list('李村镇'), list('')];
    expect(identify(input({ fromAddress: 'pc@example.cn', tableUnitNames: blankList }))).toMatchObject({ kind: 'unit', unit: '庞村镇' });
  });

  it('keeps the sender when its other table names no unit of the roster (a blank template’s 「（盖章）：」)', () => {
    expect(identify(input({ fromAddress: 'pc@example.cn', tableUnitNames: [stat('庞村镇'), list('（盖章）：')] }))).toMatchObject({
      kind: 'unit',
      unit: '庞村镇',
    });
  });

  it('takes the sender’s tables when a table has no 填报单位 at all', () => {
    expect(identify(input({ fromAddress: 'pc@example.cn', tableUnitNames: [stat('庞村镇'), list('')] }))).toMatchObject({
      kind: 'unit',
      unit: '庞村镇',
    });
    expect(identify(input({ fromAddress: 'pc@example.cn', tableUnitNames: [stat(''), list('')] }))).toMatchObject({
      kind: 'unit',
      unit: '庞村镇',
    });
  });
});
