/**
 * A campaign of a workspace reads the office's mailbox and SMTP server unless its own
 * campaign.yaml overrides them: key by key, what the campaign writes wins (a campaign of another
 * office's mailbox writes its own host and user). The environment variables still override the
 * result, as for one campaign. Pure.
 */
import type { Campaign } from '../campaign/campaign.js';
import type { OfficeSettings } from './office-settings.js';

function defined<T extends object>(settings: T): Partial<T> {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function withOfficeSettings(campaign: Campaign, office: OfficeSettings): Campaign {
  const mailbox = { ...defined(office.mailbox), ...defined(campaign.file.mailbox) };
  const smtp = { ...defined(office.smtp), ...defined(campaign.file.smtp) };
  // folder and folders exclude each other: the campaign's choice replaces the office's.
  if (campaign.file.mailbox.folder !== undefined) delete mailbox.folders;
  if (campaign.file.mailbox.folders !== undefined) delete mailbox.folder;
  return { ...campaign, file: { ...campaign.file, mailbox, smtp, schedule: office.schedule } };
}
