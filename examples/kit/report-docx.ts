/**
 * Writes a unit's written report (书面总结报告) as a .docx, covering the checklist's areas the
 * way a real report does. For demo and test mail.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';

export interface ReportSpec {
  unitName: string;
  /** Paragraphs of body text; generated from the unit name when omitted. */
  paragraphs?: string[];
  /** Repeat the body until the text has at least this many characters. */
  minChars?: number;
  date: string;
}

export function defaultReportParagraphs(unit: string): string[] {
  return [
    `根据区管委会办公室《关于在全区范围内组织开展政府信息公开保密审查专项检查的通知》要求，${unit}高度重视，成立了由主要领导任组长的自查工作领导小组，对照检查目录逐项开展自查，现将有关情况报告如下。`,
    '一、政府信息公开保密审查制度建设情况。我单位已建立政府信息公开保密审查制度，明确了保密审查的工作程序、内容和要求，负责信息发布、留言评论等保密审查工作的领导、机构和人员职责明确。',
    '二、政府信息公开发布各环节保密制度落实情况。严格坚持“先审查、后公开”和“一事一审”原则，拟公开文件均明确公开属性，未发现未经解密的涉密文件信息被公开使用的情况，审批手续和登记记录完备。',
    '三、计算机网络使用管理情况。对全部涉密计算机和移动存储介质进行了逐台检查，未发现涉密计算机违规连接互联网、交叉使用移动存储介质或安装无线网卡等情况。',
    '四、机关网站管理情况。定期组织开展网站保密检查并建立检查记录档案，网站管理人员按规定履行岗位保密职责，网站信息发布登记记录清晰完整。',
    '五、社会网站监管情况。配合有关主管部门依法履行监管职责，未发现社会网站违规发布传播秘密信息的情况。',
    '存在的问题：个别工作人员保密意识有待加强，部分信息发布登记不够规范。下一步，我们将针对发现的问题认真整改，进一步完善保密审查制度，加强教育培训，确保政府信息公开工作健康发展。',
  ];
}

export async function buildReportDocx(spec: ReportSpec): Promise<Buffer> {
  const body = spec.paragraphs ?? defaultReportParagraphs(spec.unitName);
  const paragraphs = [...body];
  const length = () => paragraphs.join('').length;
  for (let round = 1; spec.minChars !== undefined && length() < spec.minChars; round++) {
    paragraphs.push(...body.map((text) => `（续${round}）${text}`));
  }
  const font = { ascii: '仿宋_GB2312', hAnsi: '仿宋_GB2312', eastAsia: '仿宋_GB2312' };
  const document = new Document({
    creator: spec.unitName,
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: `${spec.unitName}关于政府信息公开保密审查专项检查自查情况的报告`, size: 44, font })],
          }),
          ...paragraphs.map((text) => new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun({ text, size: 32, font })] })),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: spec.unitName, size: 32, font })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: spec.date, size: 32, font })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
