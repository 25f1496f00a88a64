/**
 * What an intake did, in the one Chinese line a clerk reads per cycle (`run`, `watch`, the
 * console's 收信 line), plus the lines that need attention (mail too large to download) and the
 * progress line of a long first poll. Pure.
 *
 *   2013-08-18 18:10 收信：看到 12 封，新 3 封，存入 3 封，忽略 9 封，用时 1.2 秒
 *
 * 看到: messages that arrived since the last poll; 新: those that may belong to the campaign;
 * 存入: newly stored; 忽略: unrelated, not downloaded. From a folder of .eml files:
 *
 *   收信：读取 22 封，新存入 22 封，已存过 0 封
 */

import { formatBeijing } from '../../../intake/kernel/time.js';
import type { IntakeOutput, IntakeReport, PollProgress, PollReport } from '../../runner/stages/intake.js';

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} 秒`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function pollLine(report: PollReport, at: Date, durationMs: number = report.durationMs): string {
  const parts = [`看到 ${report.seen} 封`, `新 ${report.campaign} 封`, `存入 ${report.stored} 封`, `忽略 ${report.ignored} 封`];
  if (report.alreadyStored > 0) parts.push(`已存过 ${report.alreadyStored} 封`);
  if (report.tooLarge.length > 0) parts.push(`过大未下载 ${report.tooLarge.length} 封`);
  if (report.vanished > 0) parts.push(`下载前已被删除 ${report.vanished} 封`);
  if (report.moved > 0) parts.push(`已移走 ${report.moved} 封`);
  parts.push(`用时 ${formatSeconds(durationMs)}`);
  const notes: string[] = [];
  if (report.uidValidityChanged) notes.push('邮箱文件夹已重建，已按 Message-ID 和内容重新核对');
  if (report.interrupted) notes.push('已中断，下次继续');
  return `${formatBeijing(at)} 收信：${parts.join('，')}${notes.length > 0 ? `（${notes.join('；')}）` : ''}`;
}

/** One line per message too large to download, for stderr. */
export function oversizeLines(report: PollReport, limitBytes: number): string[] {
  return report.tooLarge.map(
    (message) =>
      `  未下载过大的来信：发件人 ${message.from || '（无）'}，标题「${message.subject}」，${megabytes(message.size)}，超过限制 ${megabytes(limitBytes)}` +
      `${message.internalDate ? `，收到于 ${formatBeijing(message.internalDate)}` : ''}（可调大 campaign.yaml 中 mailbox 的 maxMessageMB 后删除 imap-cursor.json 重新收信，或请该单位压缩后重发）`,
  );
}

/** A progress reporter for long polls: a line every `every` messages looked at or downloaded. */
export function progressPrinter(print: (line: string) => void, every = 200): (progress: PollProgress) => void {
  let lastExamined = 0;
  let lastDownloaded = 0;
  return (progress) => {
    if (progress.total < every) return;
    const examinedStep = Math.floor(progress.examined / every) > Math.floor(lastExamined / every);
    const downloadedStep = Math.floor(progress.downloaded / every) > Math.floor(lastDownloaded / every);
    if (examinedStep || downloadedStep)
      print(`收信进度：已检查 ${progress.examined}/${progress.total} 封，已下载 ${progress.downloaded} 封`);
    lastExamined = progress.examined;
    lastDownloaded = progress.downloaded;
  };
}

/** What a folder (or files) intake did: "收信：读取 N 封，新存入 N 封，已存过 N 封[，读取失败 N 封]". */
export function folderLine(report: IntakeReport): string {
  const failed = report.failed.length > 0 ? `，读取失败 ${report.failed.length} 封` : '';
  return `收信：读取 ${report.seen} 封，新存入 ${report.stored} 封，已存过 ${report.duplicates} 封${failed}`;
}

/** A cycle's line, with its time: the poll's, or the folder's. */
export function intakeLine(intake: IntakeOutput, started: Date, durationMs: number): string {
  return intake.kind === 'imap' ? pollLine(intake.report, started, durationMs) : `${formatBeijing(started)} ${folderLine(intake.report)}`;
}
