/**
 * What an SMTP server's answer means, in Chinese, for the clerk: the code as the server wrote it
 * (163's "554 DT:SPM" is searchable), and what to do. Pure.
 */

/** Known answers of 163/126/QQ (Coremail and Tencent), by the code word after the number. */
const KNOWN: Record<string, string> = {
  'DT:SPM': '发信服务器判定为垃圾邮件（常见原因：成批邮件的标题或内容完全相同）',
  'DT:SUM': '信封发件人与信头发件人不一致',
  'MI:SFQ': '发信人在短时间内发信过多，超过了服务器的限制',
  'MI:DMC': '当前连接发送的邮件数量超过限制',
  'HL:ICC': '同时连接数过多',
  'HL:IFC': '发信过快',
  'RP:TRC': '收件人过多或发信过频',
  'RP:QRC': '发件人短期内发信量超过限制',
  'MI:CEL': '发件人参数不正确',
  'MI:SPB': '发件人被临时禁止发信',
};

export interface AnswerMeaning {
  /** 2, 4 or 5 (the first digit), 0 when there was no answer. */
  klass: 0 | 2 | 4 | 5;
  /** "554 DT:SPM" (the code, and the code word when the server gave one). */
  code: string;
  /** The whole sentence for the clerk. */
  text: string;
}

export function meaningOf(answer: string): AnswerMeaning {
  const match = /^\s*(\d{3})(?:[ -](\d\.\d{1,3}\.\d{1,3}))?\s*([A-Z]{2}:[A-Z]{3})?/.exec(answer);
  if (!match) return { klass: 0, code: '', text: answer };
  const number = match[1]!;
  const word = match[3];
  const klass = Number(number[0]) as 2 | 4 | 5;
  const code = word ? `${number} ${word}` : number;
  const known = word ? KNOWN[word] : undefined;
  const general =
    known ??
    (number === '535' || number === '534'
      ? '用户名或授权码不正确（163、QQ 邮箱需要在网页设置中开启 SMTP 服务并使用授权码）'
      : number.startsWith('55')
        ? '服务器拒收'
        : klass === 4
          ? '服务器暂时不接收'
          : '服务器的回答');
  const next = klass === 4 ? '，稍后自动重试' : klass === 5 ? '，本批停止发送' : '';
  return {
    klass: klass === 2 || klass === 4 || klass === 5 ? klass : 0,
    code,
    text: `服务器回答 ${code}：${general}${next}（原文：${answer.trim()}）`,
  };
}
