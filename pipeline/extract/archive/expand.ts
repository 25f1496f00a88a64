/**
 * A message's attachments → every file to read, archives opened: the files inside a .zip are
 * treated as if attached directly, named by their path ("材料.zip/统计表.xlsx"), zips inside
 * zips opened up to a depth. What each file is comes from its content (sniffed, and for zip
 * packages from their directory), never from its name.
 *
 * Limits (per message): the size of one file, the nesting depth, the number of files taken out
 * of archives and the bytes they expand to. Everything past a limit becomes a problem naming the
 * file; nothing is silently dropped. 7z and RAR archives are opened by 7-Zip compiled to
 * WebAssembly (read-seven-zip.ts) under the same limits; Outlook's winmail.dat (TNEF) and an
 * attached Outlook item (.msg) are opened like archives, their attachments named
 * "winmail.dat/统计表.xlsx". One part of a multi-volume archive is reported, not guessed at.
 */
import { createHash } from 'node:crypto';
import { explainFailure, failureDetail } from '../../../intake/kernel/explain-failure.js';
import { error, type Problem, warning } from '../../../intake/kernel/problems.js';
import { FILE_KIND_LABEL, type FileKind, sniffKind } from '../sniff.js';
import { packageKind } from './package-kind.js';
import { readMsg } from './read-msg.js';
import { readSevenZip } from './read-seven-zip.js';
import { readTnef } from './read-tnef.js';
import { readZip, type ZipBudget, type ZipContents, type ZipIssue } from './read-zip.js';

export interface ExpandLimits {
  maxFileBytes: number;
  /** 1 = open archives attached directly, not archives inside them. */
  maxDepth: number;
  maxFiles: number;
  maxExpandedBytes: number;
}

export interface ExpandedFile {
  /** Name as sent, or its path inside archives ("材料.zip/统计表.xlsx"). */
  name: string;
  /** The bytes; empty for a file over the size limit (not read) and for an opened archive. */
  content: Buffer;
  size: number;
  sha256: string;
  kind: FileKind;
  problems: Problem[];
}

const MB = 1024 * 1024;
const megabytes = (bytes: number) => (bytes < MB ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`);

function issueProblem(issue: ZipIssue, archive: string, limits: ExpandLimits): Problem {
  switch (issue.kind) {
    case 'encrypted':
      return error('archive.encrypted', `压缩包中的「${issue.name}」设有密码，无法解压，请去掉密码后重新报送`, {
        file: archive,
        found: issue.name,
        expected: '未加密的压缩包',
      });
    case 'unsupported_method':
      return error(
        'archive.unsupported_method',
        `压缩包中的「${issue.name}」使用了无法解压的压缩方式（方法 ${issue.method}），请用系统自带的“发送到→压缩(zipped)文件夹”重新压缩，或直接以附件报送`,
        { file: archive, found: issue.name },
      );
    case 'unreadable_entry':
      return error('archive.entry_unreadable', `压缩包中的「${issue.name}」无法解压（压缩包可能已损坏），请重新报送`, {
        file: archive,
        found: `${issue.name}：${explainFailure(issue.detail)}`,
        detail: issue.detail,
      });
    case 'too_many_files':
      return warning('archive.too_many_files', `压缩包中的文件超过 ${limits.maxFiles} 个，其余 ${issue.skipped} 个未读取`, {
        file: archive,
        expected: `不超过 ${limits.maxFiles} 个文件`,
      });
    case 'too_large':
      return error(
        'archive.too_large',
        `压缩包中的「${issue.name}」解压后 ${megabytes(issue.size)}，超过一封来信共 ${megabytes(limits.maxExpandedBytes)} 的限制，未读取`,
        { file: archive, found: issue.name },
      );
  }
}

const DOCUMENT_NAME = /\.(xlsx|xlsm|xlsb|xls|xltx|et|docx|docm|dotx|doc|wps|numbers|pages|key|ods|odt|odp|pptx|ppt)$/i;

/** Kinds whose files are taken out and read as if attached directly. */
const CONTAINERS: ReadonlySet<FileKind> = new Set(['zip', '7z', 'rar', 'tnef', 'msg']);

/** Names of the parts of a multi-volume archive: 材料.part1.rar, 材料.r00, 材料.7z.001, 材料.z01. */
const VOLUME_NAME = /\.(part\d+\.rar|r\d{2}|(?:7z|zip|rar)\.\d{3}|z\d{2})$/i;

function multiVolumeProblem(name: string): Problem {
  return error(
    'archive.multi_volume',
    '这是分卷压缩包的一部分，单独一卷无法解压；请不要分卷，把统计表和报告直接作为附件或压缩成一个文件重新报送',
    {
      file: name,
      expected: '一个完整的压缩包，或直接附件',
    },
  );
}

type Opened =
  | { status: 'read'; contents: ZipContents }
  | { status: 'encrypted' }
  | { status: 'multi_volume' }
  | { status: 'unreadable'; detail: string };

/** The files of a container within the budget (which it spends). Throws when it is unreadable. */
async function openContainer(kind: FileKind, content: Buffer, budget: ZipBudget): Promise<Opened> {
  if (kind === 'zip') return { status: 'read', contents: await readZip(content, budget) };
  if (kind === '7z' || kind === 'rar') return readSevenZip(content, budget);
  const files = kind === 'tnef' ? readTnef(content) : readMsg(content).files;
  return { status: 'read', contents: withinBudget(files, budget) };
}

/** TNEF and .msg hold their files whole: the same budget as archives, applied after reading. */
function withinBudget(files: readonly { name: string; content: Buffer }[], budget: ZipBudget): ZipContents {
  const contents: ZipContents = { files: [], issues: [], ignored: 0 };
  let skipped = 0;
  for (const file of files) {
    if (budget.files <= 0) {
      skipped++;
      continue;
    }
    if (file.content.byteLength > budget.bytes) {
      contents.issues.push({ kind: 'too_large', name: file.name, size: file.content.byteLength });
      continue;
    }
    budget.files--;
    budget.bytes -= file.content.byteLength;
    contents.files.push(file);
  }
  if (skipped > 0) contents.issues.push({ kind: 'too_many_files', skipped });
  return contents;
}

/** The files of a container, or null when it cannot be opened (the entry then says why). */
async function openEntry(entry: ExpandedFile, budget: ZipBudget): Promise<ZipContents | null> {
  const { name } = entry;
  try {
    const opened = await openContainer(entry.kind, entry.content, budget);
    if (opened.status === 'encrypted') {
      entry.problems.push(
        error('archive.encrypted', `${FILE_KIND_LABEL[entry.kind]}设有密码（连文件列表也已加密），无法解压，请去掉密码后重新报送`, {
          file: name,
          expected: '未加密的压缩包',
        }),
      );
      return null;
    }
    if (opened.status === 'multi_volume') {
      entry.problems.push(multiVolumeProblem(name));
      return null;
    }
    if (opened.status === 'unreadable') throw new Error(opened.detail);
    return opened.contents;
  } catch (cause) {
    entry.problems.push(
      error('file.unreadable', `${FILE_KIND_LABEL[entry.kind]}无法打开（文件可能已损坏），请重新报送`, {
        file: name,
        found: explainFailure(failureDetail(cause)),
        detail: failureDetail(cause),
      }),
    );
    return null;
  }
}

async function visit(
  name: string,
  content: Buffer,
  depth: number,
  limits: ExpandLimits,
  budget: ZipBudget,
  out: ExpandedFile[],
): Promise<void> {
  const entry: ExpandedFile = {
    name,
    content,
    size: content.byteLength,
    sha256: createHash('sha256').update(content).digest('hex'),
    kind: sniffKind(content, name),
    problems: [],
  };
  out.push(entry);
  if (content.byteLength > limits.maxFileBytes) {
    entry.content = Buffer.alloc(0);
    entry.problems.push(
      error('file.too_large', `文件 ${megabytes(content.byteLength)}，超过 ${megabytes(limits.maxFileBytes)} 的限制，未读取`, {
        file: name,
        expected: `不超过 ${megabytes(limits.maxFileBytes)}`,
      }),
    );
    return;
  }
  entry.kind = await packageKind(content, entry.kind);
  const volume = VOLUME_NAME.exec(name);
  if (volume && (CONTAINERS.has(entry.kind) || entry.kind === 'other')) {
    entry.problems.push(multiVolumeProblem(name));
    return;
  }
  // A zip whose name promises a document (an empty or foreign package named .xlsx, a .numbers
  // file) is that document, unreadable, not an archive to open: the reader says so.
  if (entry.kind === 'zip' && DOCUMENT_NAME.test(name)) entry.kind = 'other';
  if (!CONTAINERS.has(entry.kind)) return;
  if (depth >= limits.maxDepth) {
    entry.problems.push(
      warning('archive.too_deep', `压缩包嵌套超过 ${limits.maxDepth} 层，未再打开`, {
        file: name,
        expected: `不超过 ${limits.maxDepth} 层`,
      }),
    );
    return;
  }
  const contents = await openEntry(entry, budget);
  if (contents === null) return;
  entry.problems.push(...contents.issues.map((issue) => issueProblem(issue, name, limits)));
  if (contents.files.length === 0 && contents.issues.length === 0) {
    entry.problems.push(
      error('archive.empty', '压缩包中没有任何文件，请把统计表和书面报告直接作为附件重新报送', {
        file: name,
        expected: '统计表和书面报告',
      }),
    );
  }
  // The archive's own bytes are no longer needed once its files are out.
  entry.content = Buffer.alloc(0);
  for (const file of contents.files) await visit(`${name}/${file.name}`, file.content, depth + 1, limits, budget, out);
}

/** Every attachment and every file inside them, in order: an archive comes before its files. */
export async function expandFiles(files: readonly { name: string; content: Buffer }[], limits: ExpandLimits): Promise<ExpandedFile[]> {
  const out: ExpandedFile[] = [];
  const budget: ZipBudget = { files: limits.maxFiles, bytes: limits.maxExpandedBytes };
  for (const file of files) await visit(file.name, file.content, 0, limits, budget, out);
  return out;
}
