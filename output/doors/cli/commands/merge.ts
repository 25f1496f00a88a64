/** `huizong merge`: rebuild every output from stored mail alone (a campaign, or the campaigns of a workspace). */
import { runCampaignOf, runPipeline } from '../../../runner/runner.js';
import type { Printer } from '../../printer.js';
import { LOCK_WAIT_MS, withStoreLock } from '../../store-lock.js';
import { COMMON_OPTIONS, parseCommandArgs } from '../parse-options.js';
import { analysisProgress, printRebuilt } from '../print-rebuild.js';
import { printWorkspaceRuns } from '../print-workspace.js';
import { refuseArchived, resolveTarget, WORKSPACE_OPTION } from '../workspace-target.js';

export const mergeHelp = `用法：huizong merge [--campaign 文件夹] [--data 文件夹] [--out 文件夹] [--force]
      huizong merge --workspace 工作区 [--campaign 活动名称] [--force]

不收信，只根据已存档的来信和 decisions.yaml 重新生成汇总表和公文。
修改了 decisions.yaml、单位名单或模板后运行。同样的存档得到同样的结果。
存档、配置、名单、decisions.yaml 和模板都没有变化、输出文件也未被改动时，不重写输出文件。
  --workspace     工作区：重新归类每封来信，重新生成每个进行中的活动（加 --campaign 只生成这一个；已归档的活动不再生成）
  --force         无论有无变化都重新生成（数据截至时间随之更新）
  --retry-failed  重新读取以前因“文件过于复杂”（超出内存或时间限制）而未读取的来信；
                  通常先在 campaign.yaml 的 limits: 中调高 analysisMemoryMB 或 analysisTimeoutSeconds`;

export async function mergeCommand(argv: readonly string[], printer: Printer): Promise<number> {
  const { values } = parseCommandArgs(
    'merge',
    argv,
    { ...COMMON_OPTIONS, ...WORKSPACE_OPTION, force: { type: 'boolean' }, 'retry-failed': { type: 'boolean' } },
    false,
  );
  if (values.help) {
    printer.out(mergeHelp);
    return 0;
  }
  const target = await resolveTarget(values);
  const request = {
    outputs: values.force === true ? ('force' as const) : ('write' as const),
    retryFailed: values['retry-failed'] === true,
    // Only statuses are printed: a merge that stands is read without its lists' rows.
    listRows: 'skip' as const,
  };
  const analysing = analysisProgress();
  const events = analysing.onAnalysed ? { onAnalysed: analysing.onAnalysed } : {};
  if (target.kind === 'workspace') {
    const { workspace, named } = target;
    if (named) refuseArchived(named, '重新汇总');
    return withStoreLock(workspace.storeDir, { command: 'merge', waitMs: LOCK_WAIT_MS, printer }, async () => {
      const outcome = await runPipeline(
        { ...request, store: workspace, campaigns: workspace.campaigns, ...(named ? { only: [named.workspace!.name] } : {}) },
        events,
      );
      analysing.finish(outcome.campaigns.reduce((sum, run) => sum + run.analysed, 0));
      return printWorkspaceRuns(printer, outcome, named !== null);
    });
  }
  const { context } = target;
  return withStoreLock(context.storeDir, { command: 'merge', waitMs: LOCK_WAIT_MS, printer }, async () => {
    const { run } = await runCampaignOf(context, request, events);
    analysing.finish(run!.analysed);
    return printRebuilt(printer, context, run!);
  });
}
