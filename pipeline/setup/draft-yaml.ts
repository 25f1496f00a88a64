/**
 * A campaign draft as campaign.yaml: the values in the bundled file's order, each read value with
 * a note at the end of its line saying where it was read and how sure (# 推断：…, # 请确认：…,
 * # 默认：…), every section headed by a comment in Chinese, and the settings the notice cannot give
 * (the mailbox password, SMTP) left commented out at the end. Pure.
 */
import type { CampaignYamlLayout, YamlNote } from '../../intake/kernel/campaign/campaign-yaml-write.js';
import { writeCampaignYaml } from '../../intake/kernel/campaign/campaign-yaml-write.js';
import type { CampaignDraft } from './derive-campaign.js';
import type { Derived } from './derived.js';
import { mailProviderOf } from './mail-providers.js';
import type { DraftColumn } from './table/column-type.js';
import type { DraftTable } from './table/derive-table.js';
import { tableObject } from './table-entries.js';

type Path = (string | number)[];

/** The note at the end of a value's line: where from, and how sure when not sure. */
export function noteOf(value: Derived<unknown>): string {
  const why = value.note ? `：${value.note}` : '';
  switch (value.confidence) {
    case 'sure':
      return `读自 ${value.from}${value.note ? `（${value.note}）` : ''}`;
    case 'likely':
      return `推断${why}（${value.from}）`;
    case 'guess':
      return `请确认${why}`;
    case 'default':
      return `默认${why}`;
  }
}

const HEADER = (draft: CampaignDraft): string[] => [
  '汇总 · 活动配置文件',
  `本文件由 huizong init --from 根据${draft.notice ? `通知（${draft.notice}）` : ''}${draft.files.length > 0 ? `和附件表格（${draft.files.join('、')}）` : ''}生成。`,
  '行尾的注释说明每一项从哪里读出：“读自”是文件中写明的；“推断”是按通常的写法读出的；',
  '“请确认”是通知和表格没有写明、暂定的值；“默认”是都没有写、程序的默认值。请逐项核对，',
  '改正后运行 `npx huizong check --campaign <本文件夹>` 检查是否填写正确（注释可以删去）。',
  '时间一律写成带时区的 ISO 8601 格式，例如 "2013-08-18T18:00:00+08:00"（北京时间）。',
];

function columnNotes(column: DraftColumn, path: Path): YamlNote[] {
  const all: (Derived<unknown> | undefined)[] = [
    column.type,
    column.places,
    column.amountUnit,
    column.unit,
    column.options,
    column.min,
    column.max,
    column.required,
    column.sum,
  ];
  const parts = all
    .filter((value): value is Derived<unknown> => value !== undefined)
    .filter((value, index) => index === 0 || value.confidence !== 'sure');
  const text = parts
    .map(noteOf)
    .filter((note, index, all) => all.indexOf(note) === index)
    .join('；');
  return text ? [{ path, inline: text }] : [];
}

function tableNotes(table: DraftTable, at: number): YamlNote[] {
  const base: Path = ['tables', at];
  const notes: YamlNote[] = [
    { path: [...base, 'name'], inline: noteOf(table.name) },
    { path: [...base, 'kind'], inline: noteOf(table.kind) },
    { path: [...base, 'unitField'], inline: noteOf(table.unitField) },
  ];
  if (table.dateField.value !== null) notes.push({ path: [...base, 'dateField'], inline: noteOf(table.dateField) });
  if (table.attachmentLabel) notes.push({ path: [...base, 'attachmentLabel'], inline: noteOf(table.attachmentLabel) });
  const above = [
    `各栏目读自 ${table.source} 的表头；类型由单元格格式、数据验证和表头中的单位得出。`,
    ...(table.dateField.value === null ? [`不写 dateField（填报日期栏的标题）：${table.dateField.note ?? ''}。`] : []),
    ...table.notes.map((note) => `模板中的说明：${note}`),
    ...table.skipped.map((column) => `未作为数据列：${column.label || '（空白）'}（${column.from}，${column.why}）`),
  ];
  notes.push({ path: [...base, 'columns'], above });
  table.entries.forEach((entry, index) => {
    const path: Path = [...base, 'columns', index];
    if (entry.kind === 'column') notes.push(...columnNotes(entry.column, path));
    else {
      if (entry.note) notes.push({ path: [...path, 'group'], inline: entry.note });
      entry.columns.forEach((column, sub) => {
        notes.push(...columnNotes(column, [...path, 'columns', sub]));
      });
    }
  });
  return notes;
}

function mailboxSection(draft: CampaignDraft): { value: Record<string, unknown> | null; trailer: string[] } {
  const address = draft.mailbox?.value;
  const provider = address ? mailProviderOf(address) : null;
  const from = `"${draft.secretariat.value || draft.issuingOffice.value} <${address ?? 'mishuke@163.com'}>"`;
  const trailer = [
    '发信（回执、催报）。默认不发任何邮件；填写后用 huizong receipts / remind 预览和发送。',
    '密码（授权码）不写在本文件中：用环境变量 HUIZONG_SMTP_PASSWORD 或 HUIZONG_SMTP_PASSWORD_FILE。',
    'smtp:',
    `  host: ${provider?.smtp ?? 'smtp.163.com'}`,
    '  port: 465',
    '  tls: true',
    `  user: ${address ?? 'mishuke@163.com'}`,
    `  from: ${from}`,
    '',
    'huizong watch 定时收信的时间（cron 格式，北京时间），默认每 10 分钟一次：',
    'schedule: "*/10 * * * *"',
  ];
  if (!address)
    return {
      value: null,
      trailer: [
        '收信邮箱（IMAP）：通知中没有找到邮箱地址，例如：',
        'mailbox:',
        '  host: imap.163.com',
        '  user: mishuke@163.com',
        '',
        ...trailer,
      ],
    };
  if (!provider)
    return {
      value: { user: address },
      trailer: [
        '收信服务器：单位自建邮箱请向管理员询问 IMAP 服务器地址，写在 mailbox: 中：',
        '  host: mail.example.gov.cn',
        '  port: 993',
        '',
        ...trailer,
      ],
    };
  return { value: { host: provider.imap, port: 993, tls: true, user: address }, trailer };
}

const REPORT_DEFAULTS = {
  minChars: 500,
  problemKeywords: ['存在问题', '存在的问题', '问题', '不足', '隐患'],
  rectificationKeywords: ['整改', '改进', '完善'],
};

function values(draft: CampaignDraft, mailbox: Record<string, unknown> | null): Record<string, unknown> {
  return {
    title: draft.title.value,
    documentNumber: draft.documentNumber.value,
    issuingOffice: draft.issuingOffice.value,
    secretariat: draft.secretariat.value,
    materials: draft.materialsWord.value,
    ...(draft.noticeTitle ? { noticeTitle: draft.noticeTitle.value } : {}),
    ...(draft.noticeDate ? { noticeDate: draft.noticeDate.value } : {}),
    deadline: draft.deadline.value,
    ...(draft.recipients ? { recipients: draft.recipients.value } : {}),
    keywords: draft.keywords.value,
    tables: draft.tables.map(tableObject),
    rules: draft.rules.map((rule) => rule.value),
    required: draft.required.map((material) => material.value),
    checklist: (draft.checklist?.areas ?? []).map((area) => ({ key: area.key, title: area.title.value, keywords: area.keywords.value })),
    report: REPORT_DEFAULTS,
    ...(draft.contact ? { notify: { contact: draft.contact.value } } : {}),
    ...(mailbox ? { mailbox } : {}),
  };
}

function topNotes(draft: CampaignDraft): YamlNote[] {
  const scalar = (key: string, value: Derived<unknown> | null, above?: string[]): YamlNote[] =>
    value ? [{ path: [key], inline: noteOf(value), ...(above ? { above } : {}) }] : [];
  return [
    ...scalar('title', draft.title, ['活动名称（用于汇总表和公文的文件名、标题）、通知文号、发文机关']),
    ...scalar('documentNumber', draft.documentNumber),
    ...scalar('issuingOffice', draft.issuingOffice),
    ...scalar('secretariat', draft.secretariat, ['承办（接收材料）的部门']),
    ...scalar('materials', draft.materialsWord, ['通知要求报送的材料的统称，用于通报中的理由（如“逾期报送自查材料”）']),
    ...scalar('noticeTitle', draft.noticeTitle),
    ...scalar('noticeDate', draft.noticeDate),
    ...scalar('deadline', draft.deadline, ['报送截止时间：此后收到的材料算逾期']),
    ...scalar('recipients', draft.recipients, ['主送单位的称谓，用于公文']),
    ...scalar('keywords', draft.keywords, ['与本次活动有关的关键词：标题或附件名含这些词、又无法识别单位的来信列为“待核实”']),
  ];
}

function sectionNotes(draft: CampaignDraft): YamlNote[] {
  const suggestions = draft.suggestedRules.map((rule) => `  - ${rule.value}    （${rule.note}）`);
  return [
    { path: ['tables'], above: ['要求各单位填报的表格（统计表：每个单位一行；明细表、台账：每个单位若干行）'] },
    ...draft.tables.flatMap(tableNotes),
    {
      path: ['rules'],
      above: [
        '校验规则：每条写成一行，用表头中的栏目名称，例如“合计 = 一般隐患 + 重大隐患”“0 <= 整改率 <= 100”',
        '“整改时限 >= 发现日期”“行数(重大隐患整改台账) = 重大隐患”。下面是从模板公式读出的规则。',
        ...(suggestions.length > 0 ? ['可能还需要的规则（确认后去掉行首的 # 号，移到下面的 rules: 中）：', ...suggestions] : []),
      ],
    },
    ...draft.rules.map((rule, index): YamlNote => ({ path: ['rules', index], inline: noteOf(rule) })),
    {
      path: ['required'],
      above: ['每个单位要报送的材料：表格名称、书面总结报告，或 { file: 材料名称, keywords: [附件文件名中的词] }；缺少的为“材料不全”'],
    },
    ...draft.required.map((material, index): YamlNote => ({ path: ['required', index], inline: noteOf(material) })),
    {
      path: ['checklist'],
      above: draft.checklist
        ? [`检查目录（读自 ${draft.checklist.source}）：keywords 用于判断书面报告是否涉及该方面，是按各方面的用词提出的，请核对`]
        : ['检查目录：通知中没有找到（可按 { key, title, keywords } 的格式自行填写，不填则不分析报告涉及哪些方面）'],
    },
    ...(draft.checklist?.areas ?? []).map(
      (area, index): YamlNote => ({ path: ['checklist', index, 'keywords'], inline: noteOf(area.keywords) }),
    ),
    {
      path: ['report'],
      above: [
        '书面总结报告的分析：字数少于 minChars 时提示；提到 problemKeywords 视为写了问题，提到 rectificationKeywords 视为写了整改（默认值）',
      ],
    },
    ...(draft.contact ? [{ path: ['notify', 'contact'], above: ['写进回执和催报的联系方式'], inline: noteOf(draft.contact) }] : []),
  ];
}

export function draftCampaignYaml(draft: CampaignDraft): string {
  const mailbox = mailboxSection(draft);
  const notes = [...topNotes(draft), ...sectionNotes(draft)];
  if (mailbox.value)
    notes.push({
      path: ['mailbox'],
      above: [
        `收信邮箱（IMAP）：${draft.mailbox ? noteOf(draft.mailbox) : ''}`,
        '密码（163、QQ 邮箱是“授权码”）不写在本文件中：用环境变量 HUIZONG_IMAP_PASSWORD，或写在一个文件里用 HUIZONG_IMAP_PASSWORD_FILE 指定。',
        '收信只读：不改已读/未读，不移动、不删除任何邮件。',
      ],
    });
  const layout: CampaignYamlLayout = { header: HEADER(draft), notes, trailer: mailbox.trailer };
  return writeCampaignYaml(values(draft, mailbox.value), layout);
}
