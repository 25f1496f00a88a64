import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../runner/context.js';
import type { CampaignScope, ScopedOutcome } from './campaign-scope.js';
import { ConsoleState } from './console-state.js';

/**
 * A campaign folder whose content and signature the test changes, and whose merges wait until
 * the test lets them finish.
 */
function folder() {
  const state = { content: 'A', gates: [] as (() => void)[] };
  const contextOf = (content: string) => ({ campaign: { dir: content } }) as unknown as CommandContext;
  const scope: CampaignScope = {
    load: async () => contextOf(state.content),
    signature: async () => state.content,
    run: async (context) => {
      await new Promise<void>((resolve) => state.gates.push(resolve));
      return { run: { result: {}, decisions: {}, messages: [], complete: true, context } } as unknown as ScopedOutcome;
    },
  };
  const release = async () => {
    // Each merge under way (and each one started meanwhile) finishes.
    for (let turn = 0; turn < 20; turn++) {
      for (const open of state.gates.splice(0)) open();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { state, scope, contextOf, release };
}

describe('the console state', () => {
  it('does not give a page the merge that was under way when an input changed: it merges again', async () => {
    const { state, scope, contextOf, release } = folder();
    const console = new ConsoleState(scope, contextOf('A'));
    const first = console.current();
    await new Promise((resolve) => setImmediate(resolve));
    // campaign.yaml changed by hand while the first merge (of A) still runs.
    state.content = 'B';
    const second = console.current();
    await release();
    expect((await first).context.campaign.dir).toBe('A');
    expect((await second).context.campaign.dir).toBe('B');
  });

  it('merges once for pages asking together while nothing changes', async () => {
    const { state, scope, contextOf, release } = folder();
    let runs = 0;
    const counted: CampaignScope = {
      ...scope,
      run: (context, request) => {
        runs++;
        return scope.run(context, request);
      },
    };
    const console = new ConsoleState(counted, contextOf('A'));
    const pages = [console.current(), console.current(), console.current()];
    await release();
    const shown = await Promise.all(pages);
    expect(shown.map((snapshot) => snapshot.context.campaign.dir)).toEqual(['A', 'A', 'A']);
    expect(runs).toBe(1);
    expect(state.content).toBe('A');
  });
});
