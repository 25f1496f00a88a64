/**
 * One stored message → its facts. A batch of one: runs use analyzeMessages directly so that
 * all legacy files of all new messages convert in one LibreOffice start.
 */
import type { Campaign } from '../campaign/campaign.js';
import { analyzeMessages, type AnalyzeEnvironment } from './analyze-batch.js';
import type { MessageFacts } from './facts.js';

export async function analyzeMessage(id: string, raw: Buffer, campaign: Campaign, environment: AnalyzeEnvironment = {}): Promise<MessageFacts> {
  const { facts } = await analyzeMessages([{ id, raw }], campaign, environment);
  return facts[0]!;
}
