/**
 * 活动设置's writes: campaign.yaml edited with its comments and layout kept (applyCampaignEdits),
 * checked with `huizong check`'s messages before the file is replaced (an edit that would make it
 * invalid is not written), the roster written as roster.csv, a mail template checked as `check`
 * checks it, the 授权码 stored owner-only beside the data; each under the data lock, then merged
 * again through the runner (rebuildLocked), as every console action.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { applyCampaignEdits, type CampaignEdit, campaignTextMistakes } from '../../../../intake/kernel/campaign/campaign-yaml-edit.js';
import { CAMPAIGN_FILE, ROSTER_CSV, ROSTER_XLSX } from '../../../../intake/kernel/campaign/load-campaign.js';
import { formatRosterCsv, parseRosterCsv, type RosterUnit } from '../../../../intake/kernel/campaign/roster.js';
import { HuizongError } from '../../../../intake/kernel/errors.js';
import { ensurePrivateDir, writeFileAtomic } from '../../../../intake/kernel/files/atomic-write.js';
import { type StoredPasswordKind, storedPasswordPath } from '../../../../intake/kernel/stored-passwords.js';
import { TEMPLATES_DIR } from '../../../documents/documents.js';
import { checkMailTemplate } from '../../../mail/check-mail-templates.js';
import { MAIL_TEMPLATES, type MailTemplateKind } from '../../../mail/mail-templates.js';
import type { ConsoleState } from '../state/console-state.js';
import { readClerkText } from './clerk-text.js';
import { refuseReadOnly, withConsoleLock } from './guards.js';
import type { ActionResult } from './output-changes.js';
import { rebuildLocked } from './rebuild.js';

function refused(message: string, details: readonly string[]): HuizongError {
  return new HuizongError('CONFIG', message, { details: [...details] });
}

/** campaign.yaml as it would be after `edits`, with what `check` says of it (read inside the lock by the caller). */
export async function campaignTextAfter(
  state: ConsoleState,
  edits: readonly CampaignEdit[],
): Promise<{ text: string; mistakes: string[] }> {
  const current = await readClerkText(join(state.currentContext.campaign.dir, CAMPAIGN_FILE));
  const text = applyCampaignEdits(current?.text ?? '', edits);
  return { text, mistakes: campaignTextMistakes(text) };
}

export function editCampaign(state: ConsoleState, edits: readonly CampaignEdit[]): Promise<ActionResult> {
  return withConsoleLock(state, async () => {
    const { campaign } = state.currentContext;
    refuseReadOnly(state.currentContext);
    const path = join(campaign.dir, CAMPAIGN_FILE);
    const current = await readClerkText(path);
    const { text, mistakes } = await campaignTextAfter(state, edits);
    if (mistakes.length > 0) throw refused('未保存：改后的设置有错误', mistakes);
    await writeFileAtomic(path, text, current?.mode ?? 0o644);
    return rebuildLocked(state);
  });
}

/** The roster changed by `change` (a unit added, its aliases or addresses edited, a unit removed; its mail stays stored). */
export function editRoster(state: ConsoleState, change: (units: RosterUnit[]) => RosterUnit[]): Promise<ActionResult> {
  return withConsoleLock(state, async () => {
    const context = await state.loadContext();
    refuseReadOnly(context);
    const dir = context.campaign.dir;
    if (!existsSync(join(dir, ROSTER_CSV)) && existsSync(join(dir, ROSTER_XLSX)))
      throw refused(`单位名单保存在 ${ROSTER_XLSX} 中，请用 Excel 修改`, []);
    const text = formatRosterCsv(change(context.campaign.roster.map((unit) => ({ ...unit }))));
    const checked = parseRosterCsv(text);
    if (checked.issues.length > 0)
      throw refused(
        '未保存：名单有错误',
        checked.issues.map((issue) => issue.message),
      );
    await writeFileAtomic(join(dir, ROSTER_CSV), text, 0o644);
    return rebuildLocked(state);
  });
}

export function saveMailTemplate(state: ConsoleState, kind: MailTemplateKind, source: string): Promise<ActionResult> {
  return withConsoleLock(state, async () => {
    const { campaign } = state.currentContext;
    refuseReadOnly(state.currentContext);
    const where = `${TEMPLATES_DIR}/${MAIL_TEMPLATES[kind]}`;
    const mistakes = checkMailTemplate(campaign, kind, source, where);
    if (mistakes.length > 0) throw refused('未保存：模板有错误', mistakes);
    await writeFileAtomic(join(campaign.dir, TEMPLATES_DIR, MAIL_TEMPLATES[kind]), source.replace(/\r?\n/gu, '\r\n'), 0o644);
    return rebuildLocked(state);
  });
}

/** The 授权码, owner-only beside the mail data (the readers take it as their default password file). */
export async function storePassword(state: ConsoleState, kind: StoredPasswordKind, password: string): Promise<void> {
  refuseReadOnly(state.currentContext);
  const dir = state.currentContext.storeDir;
  await ensurePrivateDir(dir);
  await writeFileAtomic(storedPasswordPath(dir, kind), password, 0o600);
}
