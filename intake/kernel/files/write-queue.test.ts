import { describe, expect, it } from 'vitest';
import { StoreQueue } from './write-queue.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('StoreQueue', () => {
  it('overlaps at most `limit` writes and waits for all of them', async () => {
    const queue = new StoreQueue(3);
    let running = 0;
    let most = 0;
    const done: number[] = [];
    for (let index = 0; index < 10; index++) {
      await queue.add(`k${index}`, async () => {
        running++;
        most = Math.max(most, running);
        await tick(5);
        running--;
        done.push(index);
      });
    }
    await queue.drain();
    expect(most).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('writes the same message one after the other', async () => {
    const queue = new StoreQueue(8);
    const order: string[] = [];
    const write = (label: string, ms: number) => async () => {
      order.push(`${label} start`);
      await tick(ms);
      order.push(`${label} end`);
    };
    await queue.add('same', write('a', 10));
    await queue.add('same', write('b', 1));
    await queue.drain();
    expect(order).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('reports a failed write from drain, after the others settled', async () => {
    const queue = new StoreQueue(4);
    let finished = 0;
    await queue.add('bad', async () => {
      throw new Error('disk full');
    });
    await queue.add('good', async () => {
      await tick(5);
      finished++;
    });
    await tick(0);
    expect(queue.failed).toBe(true);
    await expect(queue.drain()).rejects.toThrow('disk full');
    expect(finished).toBe(1);
  });
});
