/**
 * Stage 4, merge: the campaign's state from the messages' facts, the clerk's decisions and when
 * the mailbox was last read (pipeline/merge/merge.ts, pure). The messages may come from stage 3
 * or from memory; the merge neither knows nor cares.
 */

import { merge } from '../../../pipeline/merge/merge.js';
import type { MergeInput, MergeResult } from '../../../pipeline/merge/merge-result.js';

export type { MergeInput } from '../../../pipeline/merge/merge-result.js';

export function mergeCampaign(input: MergeInput): MergeResult {
  return merge(input);
}
