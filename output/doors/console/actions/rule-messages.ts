/**
 * `huizong check`'s messages about campaign.yaml, as the page that edits the rules shows them:
 * the rules are typed in a box, not in the file, so "campaign.yaml 第 74 行第 5 列，rules[0]：…"
 * becomes "第 1 条规则：…" (the rest of the message word for word). Other messages stay whole.
 * Pure.
 */

const RULE_PLACE = /^campaign\.yaml 第 \d+ 行(?:第 \d+ 列)?，rules\[(\d+)\](?:\.\w+)?：/u;

export function ruleMessage(message: string): string {
  const match = RULE_PLACE.exec(message);
  return match ? `第 ${Number(match[1]) + 1} 条规则：${message.slice(match[0].length)}` : message;
}
