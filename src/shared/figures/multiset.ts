/**
 * A sorted bag of numbers with a median, for "median time in phase". Additions wait in a small
 * pending list and are merged when the median is asked for, so loading 100,000 candidates sorts
 * once instead of inserting one by one; single updates are a binary search and one splice.
 */
export class SortedBag {
  private sorted: number[] = [];
  private pending: number[] = [];

  get size(): number {
    return this.sorted.length + this.pending.length;
  }

  add(v: number): void {
    this.pending.push(v);
  }

  remove(v: number): boolean {
    const p = this.pending.lastIndexOf(v);
    if (p >= 0) {
      this.pending.splice(p, 1);
      return true;
    }
    const i = lowerBound(this.sorted, v);
    if (i < this.sorted.length && this.sorted[i] === v) {
      this.sorted.splice(i, 1);
      return true;
    }
    return false;
  }

  median(): number | null {
    this.settle();
    const n = this.sorted.length;
    if (n === 0) return null;
    const mid = n >> 1;
    return n % 2 ? this.sorted[mid]! : (this.sorted[mid - 1]! + this.sorted[mid]!) / 2;
  }

  private settle(): void {
    if (this.pending.length === 0) return;
    if (this.pending.length > 64) {
      // A typed array sorts numbers natively, several times faster than sort with a comparator.
      const all = Float64Array.from(this.sorted.concat(this.pending)).sort();
      this.sorted = Array.from(all);
    } else {
      for (const v of this.pending) this.sorted.splice(lowerBound(this.sorted, v), 0, v);
    }
    this.pending = [];
  }
}

function lowerBound(a: readonly number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
