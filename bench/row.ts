/** One line of the benchmark table. `ok`: whether the goal was met (null: no goal). */
export interface Row {
  benchmark: string;
  value: string;
  goal: string;
  ok: boolean | null;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
