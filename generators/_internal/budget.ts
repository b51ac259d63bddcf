/**
 * Accounting of the dataset limits (CONTRACT.md §3) while a scenario is built: live records and UTF-8 bytes, both
 * before and after the user's patches, since the stored dataset and the dataset an echo leaves must both fit.
 */
import { MAX_DATASET_BYTES, MAX_RECORDS } from '../../model/index.ts';

/** What one record (or a bulk of identical ones) adds to each side. */
export interface Cost {
  readonly liveBefore: number;
  readonly liveAfter: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

/** Running totals, checked against `MAX_RECORDS` and `MAX_DATASET_BYTES` on both sides. */
export class Budget {
  liveBefore = 0;
  liveAfter = 0;
  bytesBefore = 0;
  bytesAfter = 0;

  /** Adds `cost` times `n` when the totals stay within the limits; returns whether it did. */
  tryAdd(cost: Cost, n = 1): boolean {
    if (!this.fits(cost, n)) return false;
    this.liveBefore += cost.liveBefore * n;
    this.liveAfter += cost.liveAfter * n;
    this.bytesBefore += cost.bytesBefore * n;
    this.bytesAfter += cost.bytesAfter * n;
    return true;
  }

  /** Whether `n` more records of `cost` fit. */
  fits(cost: Cost, n = 1): boolean {
    return (
      this.liveBefore + cost.liveBefore * n <= MAX_RECORDS &&
      this.liveAfter + cost.liveAfter * n <= MAX_RECORDS &&
      this.bytesBefore + cost.bytesBefore * n <= MAX_DATASET_BYTES &&
      this.bytesAfter + cost.bytesAfter * n <= MAX_DATASET_BYTES
    );
  }

  /** A snapshot of the totals. */
  totals(): Cost {
    const { liveBefore, liveAfter, bytesBefore, bytesAfter } = this;
    return { liveBefore, liveAfter, bytesBefore, bytesAfter };
  }

  /** The largest `n` (up to `cap`) for which `n` records of `cost` fit. */
  room(cost: Cost, cap: number): number {
    let n = cap;
    const bound = (used: number, per: number, limit: number): void => {
      if (per > 0) n = Math.min(n, Math.floor((limit - used) / per));
    };
    bound(this.liveBefore, cost.liveBefore, MAX_RECORDS);
    bound(this.liveAfter, cost.liveAfter, MAX_RECORDS);
    bound(this.bytesBefore, cost.bytesBefore, MAX_DATASET_BYTES);
    bound(this.bytesAfter, cost.bytesAfter, MAX_DATASET_BYTES);
    return Math.max(0, n);
  }
}
