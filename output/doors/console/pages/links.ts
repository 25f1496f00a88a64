/**
 * Every link, form action and redirect of a campaign's pages, built from one base path: '' while
 * the console shows one campaign, a per-campaign prefix (/c/<id>) when it shows several. Pages
 * and routes never write a path of their own.
 */

export class Links {
  /** `campaigns`: the workspace's campaign list, when the console shows several campaigns. */
  constructor(
    readonly base: string,
    readonly campaigns: string | null = null,
  ) {}

  /** A path of this campaign's pages ("/pending" → "<base>/pending"). */
  to(path: string): string {
    return `${this.base}${path}`;
  }

  get overview(): string {
    return this.to('/');
  }

  unit(name: string): string {
    return this.to(`/unit/${encodeURIComponent(name)}`);
  }

  /** The download of a stored message's attachment, by its short id and position. */
  file(messageId: string, index: number): string {
    return this.to(`/files/${messageId.slice(0, 12)}/${index}`);
  }

  /** The download of the attachment a file of the facts is, or sits in ("材料.zip/统计表.xls" → 材料.zip). */
  fileNamed(messageId: string, name: string): string {
    return this.to(`/files/${messageId.slice(0, 12)}?name=${encodeURIComponent(name)}`);
  }

  /** A doubtful message on the 待核实 page. */
  pending(shortId: string): string {
    return this.to(`/pending#m-${shortId}`);
  }

  action(name: string): string {
    return this.to(`/actions/${name}`);
  }
}
