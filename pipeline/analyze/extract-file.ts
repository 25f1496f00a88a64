/**
 * One attachment's bytes → the tables and report text it holds, chosen by what the file really
 * is (sniffed), never by its extension. Each format's reader is one branch here.
 */
import { createHash } from 'node:crypto';
import type { Campaign } from '../campaign/campaign.js';
import { findTables, type FoundTable } from '../extract/find-table.js';
import { FILE_KIND_LABEL, sniffKind } from '../extract/sniff.js';
import { readXlsxGrids } from '../extract/xlsx-grid.js';
import { error, warning, type Problem } from '../problems.js';
import { decodeText } from '../text/decode-text.js';
import { compact } from '../text/normalize.js';
import type { AttachmentFacts, ReportFacts } from './facts.js';

export interface FileInput {
  name: string;
  content: Buffer;
}

const REPORT_KINDS = new Set(['docx', 'doc', 'pdf', 'txt', 'rtf']);

async function tablesFromXlsx(file: FileInput, campaign: Campaign, problems: Problem[]): Promise<FoundTable[]> {
  const { grids, truncated } = await readXlsxGrids(file.content);
  for (const sheet of truncated) {
    problems.push(warning('file.sheet_truncated', `工作表「${sheet}」过大，只读取了前面部分`, { file: file.name }));
  }
  const fields = { unitField: campaign.file.table.unitField, dateField: campaign.file.table.dateField };
  return grids.flatMap((grid) => findTables(grid, campaign.columns, fields));
}

export async function extractFile(file: FileInput, campaign: Campaign): Promise<AttachmentFacts> {
  const kind = sniffKind(file.content, file.name);
  const problems: Problem[] = [];
  let tables: FoundTable[] = [];
  let report: ReportFacts | null = null;
  const where = { file: file.name };
  try {
    switch (kind) {
      case 'xlsx':
        tables = await tablesFromXlsx(file, campaign, problems);
        if (tables.length === 0) {
          problems.push(warning('table.not_found', `这个 Excel 文件中没有找到「${campaign.file.table.name}」的表头`, { ...where, expected: '与通知附件一致的表头' }));
        }
        break;
      case 'xls':
        problems.push(error('file.legacy_unsupported', `${FILE_KIND_LABEL[kind]}暂时无法读取，请以 .xlsx 格式重新报送`, { ...where, expected: '.xlsx 文件' }));
        break;
      case 'encrypted':
        problems.push(error('file.encrypted', '文件设有密码，无法打开，请去掉密码后重新报送', { ...where, expected: '未加密的文件' }));
        break;
      case 'zip':
      case 'rar':
      case '7z':
        problems.push(warning('file.archive_unsupported', `${FILE_KIND_LABEL[kind]}暂时无法打开，请直接以附件报送`, where));
        break;
      default:
        break;
    }
  } catch (cause) {
    problems.push(
      error('file.unreadable', `${FILE_KIND_LABEL[kind]}无法打开（文件可能已损坏），请重新报送`, { ...where, found: (cause as Error).message.slice(0, 200) }),
    );
  }
  if (kind === 'txt') {
    const text = decodeText(file.content).text;
    report = { chars: compact(text).length, text };
  } else if (REPORT_KINDS.has(kind) && tables.length === 0) {
    report = { chars: null, text: null };
  }
  return {
    name: file.name,
    size: file.content.byteLength,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    kind,
    tables,
    report,
    problems,
  };
}
