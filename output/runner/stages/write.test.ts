import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { campaignPlace } from '../../../test/support/runner-place.js';
import { readMergeResult } from '../merge-result-cache.js';
import { OUTPUT_RECORD_FILE, unchangedOutputs } from '../output-record.js';
import { gatherInputs } from './inputs.js';
import { mergeCampaign } from './merge.js';
import { recordedOutputs, writeCampaignOutputs } from './write.js';

describe('the write stage', () => {
  it('writes the outputs, the merge result and the record of what they were made from', async () => {
    const place = await campaignPlace();
    const { decisions, fingerprint } = await gatherInputs({ store: place, place, reuse: 'nothing' });
    const result = mergeCampaign({ campaign: place.campaign, decisions, messages: [], lastPollAt: null });
    const written = await writeCampaignOutputs({ place, result, decisions, fingerprint });
    expect(written.files.map((path) => path.slice(place.outDir.length + 1))).toEqual([
      '政府信息公开保密审查专项检查汇总表.xlsx',
      '政府信息公开保密审查专项检查汇总表（上报）.xlsx',
      '政府信息公开保密审查专项检查汇总报告.docx',
      '政府信息公开保密审查专项检查通报（草稿）.docx',
    ]);
    expect(written.failedDocuments).toBe(0);
    expect(await readMergeResult(place.dataDir, fingerprint)).toEqual(JSON.parse(JSON.stringify(result)));
    const record = await unchangedOutputs(place.outDir, fingerprint);
    expect(record).not.toBeNull();
    expect(recordedOutputs(place, record!)).toEqual(written);
  });

  it('keeps no record of outputs made from facts a missing program spoiled', async () => {
    const place = await campaignPlace();
    const { decisions, fingerprint } = await gatherInputs({ store: place, place, reuse: 'nothing' });
    const result = mergeCampaign({ campaign: place.campaign, decisions, messages: [], lastPollAt: null });
    await writeCampaignOutputs({ place, result, decisions, fingerprint });
    expect(existsSync(join(place.outDir, OUTPUT_RECORD_FILE))).toBe(true);
    await writeCampaignOutputs({ place, result, decisions, fingerprint: null });
    expect(existsSync(join(place.outDir, OUTPUT_RECORD_FILE))).toBe(false);
  });
});
