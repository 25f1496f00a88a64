/**
 * The 新建活动 draft between the clerk's steps, kept in a folder under the data folder (never in
 * the page, so a reload or a second tab loses nothing): the office's files as uploaded, and the
 * derived draft as the clerk has corrected it so far (draft.json). One draft at a time: uploading
 * again starts over. 创建 writes the campaign folder through the same code as `huizong init --from`
 * (writeCampaignFolder) and removes the draft.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HuizongError } from '../../../../intake/kernel/errors.js';
import { writeFileAtomic } from '../../../../intake/kernel/files/atomic-write.js';
import { formatBeijing } from '../../../../intake/kernel/time.js';
import { type WrittenFolder, writeCampaignFolder } from '../../../../pipeline/setup/campaign-folder.js';
import { type CampaignDraft, deriveCampaign } from '../../../../pipeline/setup/derive-campaign.js';
import { readSetupFiles, type SetupFile } from '../../../../pipeline/setup/read-setup-files.js';

const DRAFT_FILE = 'draft.json';
const FILES_DIR = 'files';

export interface StoredDraft {
  draft: CampaignDraft;
  /** The office's files, the notice first (as `init --from` takes them). */
  sources: SetupFile[];
}

/** Where the draft lives: "<data>/new-campaign-draft". */
export class NewCampaignDraft {
  constructor(readonly dir: string) {}

  async load(): Promise<StoredDraft | null> {
    const path = join(this.dir, DRAFT_FILE);
    if (!existsSync(path)) return null;
    const draft = JSON.parse(await readFile(path, 'utf8')) as CampaignDraft;
    const names = (await readdir(join(this.dir, FILES_DIR))).sort();
    const sources = await Promise.all(
      names.map(async (stored) => ({ name: stored.replace(/^\d+-/u, ''), content: await readFile(join(this.dir, FILES_DIR, stored)) })),
    );
    return { draft, sources };
  }

  /**
   * Reads the files and derives the draft as `init --from` does; the files are kept for 创建
   * (the campaign folder keeps a copy in 来源文件/). A first file that is a table is a template.
   */
  async start(notice: SetupFile | null, templates: readonly SetupFile[]): Promise<CampaignDraft> {
    const files = notice ? [notice, ...templates] : [...templates];
    const [first, ...rest] = await readSetupFiles(files);
    const noticeRead = notice && first?.kind !== 'sheet' ? first! : null;
    const draft = deriveCampaign({
      notice: noticeRead,
      templates: noticeRead ? rest : [first!, ...rest].filter((file) => file !== undefined),
      roster: null,
      today: formatBeijing(new Date()).slice(0, 10),
    });
    await this.discard();
    await mkdir(join(this.dir, FILES_DIR), { recursive: true, mode: 0o700 });
    for (const [index, file] of files.entries())
      await writeFileAtomic(
        join(this.dir, FILES_DIR, `${String(index).padStart(2, '0')}-${file.name.replace(/[/\\]/gu, '_')}`),
        file.content,
      );
    await this.save(draft);
    return draft;
  }

  async save(draft: CampaignDraft): Promise<void> {
    await writeFileAtomic(join(this.dir, DRAFT_FILE), `${JSON.stringify(draft, null, 1)}\n`);
  }

  async discard(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Writes the campaign folder `target`, which must not hold a campaign yet; the draft is then gone. */
  async create(target: string): Promise<WrittenFolder> {
    const stored = await this.load();
    if (!stored) throw new HuizongError('CONFIG', '没有正在新建的活动，请先上传通知和附件表格');
    if (existsSync(join(target, 'campaign.yaml')))
      throw new HuizongError('CONFIG', `文件夹 ${target} 中已有一个活动，请换一个活动文件夹名称`);
    const written = await writeCampaignFolder(target, stored.draft, stored.sources);
    await this.discard();
    return written;
  }
}
