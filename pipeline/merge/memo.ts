/**
 * What merge computes from one message's facts and the campaign alone (the message prepared, its
 * sender identified, its tables validated) is kept beside those two objects for as long as both
 * live. The console merges the very same facts again at every decision of the clerk's, and only
 * the decisions differ: these parts are then looked up instead of computed again. Keys are the
 * objects themselves (WeakMap): a campaign read again, or facts read again, start afresh, so a
 * result is never taken for inputs it was not computed from. The values are never changed by
 * their users (merge builds new records around them).
 */

/** A cache of one pure function of (campaign, object[, text]). */
export class PerCampaign<K extends object, T> {
  private readonly byCampaign = new WeakMap<object, WeakMap<K, Map<string, T>>>();

  get(campaign: object, key: K, compute: () => T, text = ''): T {
    const byKey = this.byCampaign.get(campaign) ?? new WeakMap<K, Map<string, T>>();
    this.byCampaign.set(campaign, byKey);
    const byText = byKey.get(key) ?? new Map<string, T>();
    byKey.set(key, byText);
    if (byText.has(text)) return byText.get(text)!;
    const value = compute();
    byText.set(text, value);
    return value;
  }
}
