/**
 * `huizong outbox`: the journal of outbound mail, one line per message with its state; and the
 * clerk's two decisions on a message whose fate is unknown (可能已发送) or that was refused:
 * --confirm (it did arrive: never sent again) and --resend (send the same message again).
 */
import { formatBeijing } from '../../../../intake/kernel/time.js';
import { confirmSent, listOutbox, resendEntry } from '../../../mail/outbox.js';
import { KIND_LABEL } from '../../../mail/send-batch.js';
import type { Printer } from '../../printer.js';
import { LOCK_WAIT_MS, withStoreLock } from '../../store-lock.js';
import { COMMON_OPTIONS, parseCommandArgs } from '../parse-options.js';
import { formatTable } from '../terminal.js';
import { campaignContext, namedCampaign, refuseArchived, resolveTarget, WORKSPACE_OPTION } from '../workspace-target.js';
import { printSendReport } from './mail-commands.js';

export const outboxHelp = `用法：huizong outbox [--campaign 文件夹] [--data 文件夹] [--confirm 编号] [--resend 编号] [--json]
      huizong outbox --workspace 工作区 [--campaign 活动名称] [--confirm 编号] [--resend 编号] [--json]

列出发出的每一封回执、催报和公文送达邮件及其状态：已发送、可能已发送、稍后重试、被拒收。
“可能已发送”是发送过程中程序中断或连接断开、不知道对方服务器是否收到的邮件，程序不会自动重发：
  --confirm 编号  已与对方核实收到，记为已发送
  --resend 编号   对方没有收到（或被拒收的原因已排除），把同一封邮件再发一次
  --json          输出 JSON
工作区中不加 --campaign 时依次列出每个活动的发信记录；确认和重发需要用 --campaign 指定活动。`;

export async function outboxCommand(argv: readonly string[], printer: Printer): Promise<number> {
  const { values } = parseCommandArgs(
    'outbox',
    argv,
    { ...COMMON_OPTIONS, ...WORKSPACE_OPTION, confirm: { type: 'string' }, resend: { type: 'string' }, json: { type: 'boolean' } },
    false,
  );
  if (values.help) {
    printer.out(outboxHelp);
    return 0;
  }
  const target = await resolveTarget(values);
  if (target.kind === 'workspace' && !target.named && values.confirm === undefined && values.resend === undefined) {
    // Every campaign's journal in turn.
    let code = 0;
    for (const place of target.workspace.campaigns) {
      printer.out(`${values.json ? '' : '\n'}【${place.workspace!.name}】${place.campaign.file.title}`);
      code = Math.max(code, await listJournal(printer, place.dataDir, values.json === true));
    }
    return code;
  }
  const context = target.kind === 'campaign' ? target.context : campaignContext(target.workspace, namedCampaign(target, 'outbox'));
  if (values.confirm !== undefined || values.resend !== undefined) {
    if (values.resend !== undefined) refuseArchived(context, '发信');
    return withStoreLock(context.storeDir, { command: 'outbox', waitMs: LOCK_WAIT_MS, printer }, async () => {
      if (values.confirm !== undefined) {
        const entry = await confirmSent(context.dataDir, values.confirm);
        printer.out(`已确认：${entry.id} ${entry.unit ?? ''}「${entry.subject}」记为已发送，不会重发`);
        return 0;
      }
      const report = await resendEntry(context, values.resend!, { log: (line) => printer.out(`  ${line}`) });
      printSendReport(printer, report, report.plan.kind);
      return report.sent.length === 1 ? 0 : 1;
    });
  }
  return listJournal(printer, context.dataDir, values.json === true);
}

async function listJournal(printer: Printer, dataDir: string, json: boolean): Promise<number> {
  const views = await listOutbox(dataDir);
  if (json) {
    printer.out(
      JSON.stringify(
        views.map(({ entry, state }) => ({ ...entry, state })),
        null,
        2,
      ),
    );
    return 0;
  }
  if (views.length === 0) {
    printer.out('还没有发出过邮件。');
    return 0;
  }
  const rows = views.map(({ entry, state }) => {
    const last = entry.attempts.at(-1);
    return [
      entry.id,
      KIND_LABEL[entry.kind],
      entry.unit ?? '',
      state,
      last ? formatBeijing(last.startedAt) : '',
      String(entry.attempts.length),
      entry.subject,
    ];
  });
  for (const line of formatTable(['编号', '类别', '单位', '状态', '最近发送', '次数', '标题'], rows)) printer.out(line);
  const open = views.filter((view) => view.state === '可能已发送' || view.state === '被拒收');
  if (open.length > 0)
    printer.out(`\n${open.length} 封需要秘书科处理：与对方核实后运行 huizong outbox --confirm 编号（已收到）或 --resend 编号（重发）`);
  return 0;
}
