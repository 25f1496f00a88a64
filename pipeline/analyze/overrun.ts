/**
 * The budget one analysis runs under (campaign.yaml `limits:`) and the problems for running out
 * of it. Wording only: the limits and the watchdog that enforce the budget are analyze-pool.ts
 * and bounded-child.ts.
 */
import { error, type Problem } from '../../intake/kernel/problems.js';
import type { Overrun } from './facts.js';

export interface AnalysisBudget {
  /** Heap of the child process reading a message, MB (its address space is bounded from it, bounded-child.ts). */
  memoryMB: number;
  /** Time one file (or a message's headers and archives) may take, seconds. */
  seconds: number;
}

function reason(overrun: Overrun, budget: AnalysisBudget | undefined): string {
  switch (overrun) {
    case 'memory':
      return `无法在限定内存${budget ? `（${budget.memoryMB} MB）` : ''}内读取`;
    case 'time':
      return `无法在限定时间${budget ? `（${budget.seconds} 秒）` : ''}内读取`;
    case 'crash':
      return '读取时超出了可用资源，读取被中止';
    case 'interrupted':
      return '上次读取时汇总程序意外中止，为免再次中止，不再自动读取';
  }
}

export function overrunProblem(overrun: Overrun, file: string, budget: AnalysisBudget | undefined): Problem {
  return error(
    'file.too_complex',
    `文件过于复杂，${reason(overrun, budget)}：未读取其中的统计表或报告，请人工查看；必要时请报送单位只保留统计表另存后重新报送`,
    {
      file,
      expected: '正常大小、结构简单的统计表或报告',
    },
  );
}

export function messageOverrunProblem(overrun: Overrun, budget: AnalysisBudget | undefined): Problem {
  return error('mail.too_complex', `邮件过于复杂，${reason(overrun, budget)}：只读取了发件人、标题和时间，附件未读取，请人工查看原邮件`, {
    expected: '正常大小、结构简单的邮件',
  });
}

export function budgetOf(limits: { analysisMemoryMB: number; analysisTimeoutSeconds: number }): AnalysisBudget {
  return { memoryMB: limits.analysisMemoryMB, seconds: limits.analysisTimeoutSeconds };
}
