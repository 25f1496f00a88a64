import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { decisionsSchema, NO_DECISIONS } from '../../intake/kernel/campaign/decisions.js';
import { bundledCampaignDir } from '../../intake/kernel/package-root.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { mergeResult } from '../../test/support/merge-fixture.js';
import { withUpwardLetterhead } from '../../test/support/upward-letterhead.js';
import type { Block, DocumentModel } from './document-model.js';
import { CIRCULAR, SUMMARY, TEMPLATES_DIR } from './documents.js';
import { renderOfficialDocument } from './render-document.js';
import { buildTemplateData, type TemplateData } from './template-data.js';

const REMARK = '{{campaign.title}}【标题】冒充｜{{#each units}}';

let campaign: Campaign;
let data: TemplateData;
beforeAll(async () => {
  campaign = await demoCampaign();
  const result = mergeResult(campaign, {
    寇店镇: { status: 'late', firstReceivedAt: '2013-08-19T01:31:00Z' },
    佃庄镇: { status: 'missing' },
    区公安分局: { status: 'onTime', values: { remarks: REMARK } },
  });
  const decisions = decisionsSchema.parse({ circular: { newDeadline: '2013-08-25T18:00:00+08:00' } });
  data = buildTemplateData({ campaign, result, decisions, generatedAt: result.asOf! });
});

const template = (name: string) => readFile(join(bundledCampaignDir(), TEMPLATES_DIR, name), 'utf8');

async function render(source: string): Promise<DocumentModel> {
  const rendered = await renderOfficialDocument({ campaign, source, data, title: 't', draft: true });
  if (!rendered.ok) throw new Error(JSON.stringify(rendered.issues));
  return rendered.model;
}

const texts = (model: DocumentModel) =>
  model.blocks.flatMap((block: Block) => {
    switch (block.kind) {
      case 'title':
        return block.lines;
      case 'table':
        return [...block.table.header, ...block.table.body].map((row) => row.map((cell) => cell.text).join('｜'));
      case 'attachments':
        return block.items;
      case 'signature':
        return [block.office ?? '', block.date ?? ''];
      case 'colophon':
        return [block.copyTo ?? '', block.issuedBy ?? ''];
      case 'attachmentPage':
        return [block.label];
      case 'blank':
      case 'pageBreak':
        return [];
      default:
        return [block.text];
    }
  });

describe('the default templates', () => {
  it('make the summary report with its four parts, the totals and the attachment table', async () => {
    const lines = texts(await render(await template(SUMMARY.template)));
    expect(lines.slice(0, 3)).toEqual(['关于政府信息公开保密审查专项检查', '自查情况的汇总报告', '区管委会：']);
    expect(lines.filter((line) => /^[一二三四]、/.test(line))).toEqual(['一、基本情况', '二、检查情况', '三、存在问题', '四、下一步工作']);
    // The statuses of the workbook, adding up to the roster: one set of numbers.
    expect(lines).toContain(
      '本次检查范围为全区18个单位。截至2013年8月20日，共有17个单位报送了自查材料。按报送情况统计（与汇总表一致），按时报送16个，逾期报送1个，未报送1个（佃庄镇）。',
    );
    expect(Object.values(data.statusCounts).reduce((sum, count) => sum + count, 0)).toBe(data.counts.units);
    const [classified, unclassified] = [data.totals.computersClassified!, data.totals.computersUnclassified!];
    expect(lines.join('\n')).toContain(`检查计算机${classified + unclassified}台（涉密${classified}台、非涉密${unclassified}台）`);
    expect(lines).toContain('项目｜涉密｜非涉密｜合计');
    expect(lines).toContain('2013年8月20日');
    expect(lines.at(-1)).toBe(`合计｜${Object.values(data.totals).join('｜')}｜计入17个单位`);
  });

  it('make the circular with its letterhead, the criticized units and the new deadline', async () => {
    const lines = texts(await render(await template(CIRCULAR.template)));
    expect(lines.slice(0, 4)).toEqual([
      '洛阳伊滨区管委会办公室文件',
      '伊滨办〔2013〕　号',
      '关于对政府信息公开保密审查专项检查中',
      '未按时报送自查材料单位的通报',
    ]);
    expect(lines).toContain('序号｜单位｜情况｜报送时间');
    expect(lines).toContain('1｜寇店镇｜逾期报送｜2013年8月19日9时31分');
    expect(lines).toContain('2｜佃庄镇｜未报送｜未报送');
    expect(lines.join('')).toContain('经研究，决定对寇店镇和佃庄镇予以通报批评。');
    expect(lines.join('')).toContain('请佃庄镇于2013年8月25日18时前');
  });
});

describe('a template saved by Notepad', () => {
  it('reads the same with Windows line endings', async () => {
    const source = await template(CIRCULAR.template);
    expect(await render(source.replace(/\n/g, '\r\n'))).toEqual(await render(source));
  });
});

describe('text a unit typed', () => {
  it('prints as text in the generated table, never runs as a template or markup', async () => {
    const lines = texts(await render(await template(SUMMARY.template)));
    expect(lines.find((line) => line.startsWith('13｜区公安分局'))).toContain(REMARK);
  });

  it('prints as text where a template writes it into a sentence or a row', async () => {
    const model = await render(
      '{{#each units}}{{#if values.remarks}}\n【正文】备注：{{values.remarks}}\n【表行】{{unit}}｜{{values.remarks}}\n{{/if}}{{/each}}',
    );
    expect(model.blocks).toEqual([
      { kind: 'paragraph', text: `备注：${REMARK}` },
      {
        kind: 'table',
        table: expect.objectContaining({
          body: [[expect.objectContaining({ text: '区公安分局' }), expect.objectContaining({ text: REMARK })]],
        }),
      },
    ]);
  });
});

describe('a broken template', () => {
  it('comes back as issues with lines and columns, not as an exception', async () => {
    const rendered = await renderOfficialDocument({
      campaign,
      source: '【正文】{{campaign.titel}}\n{{#if late}}',
      data,
      title: 't',
      draft: false,
    });
    // The unclosed block does not hide the other mistakes.
    expect(rendered).toEqual({
      ok: false,
      filled: false,
      issues: [
        { line: 1, column: 7, message: '没有「campaign.titel」这个字段（是不是「campaign.title」？）' },
        { line: 2, column: 1, message: '块 {{#if}} 没有结束，缺少 {{/if}}' },
      ],
    });
  });

  it('reports a table name that only shows once filled, on the filled-in line', async () => {
    const rendered = await renderOfficialDocument({
      campaign,
      source: '【正文】a\n【表格】{{campaign.title}}',
      data: { ...data },
      title: 't',
      draft: false,
    });
    expect(rendered).toMatchObject({
      ok: false,
      filled: true,
      issues: [{ line: 2, column: 5, message: expect.stringContaining('没有名为「政府信息公开保密审查专项检查」的表格') }],
    });
    expect(NO_DECISIONS.circular.final).toBe(false);
  });
});

describe('the upward-document 版头 in the summary template', () => {
  it('is off by default, and switched on gives the letterhead with 文号 and 签发人', async () => {
    const source = await template(SUMMARY.template);
    expect((await render(source)).blocks.some((block) => block.kind === 'issuer')).toBe(false);
    const upward = withUpwardLetterhead(source);
    expect(upward).not.toBe(source);
    const blocks = (await render(upward)).blocks;
    expect(blocks[0]).toEqual({ kind: 'issuer', text: `${campaign.file.issuingOffice}文件` });
    expect(blocks[1]).toEqual({ kind: 'documentNumber', text: '×××〔2013〕×号', signers: ['×××'] });
  });
});
