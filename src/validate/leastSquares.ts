// Ordinary least squares of y = slope * x + intercept, and its coefficient of determination, as the paper
// reports R^2 for its metric against the Eyeriss energy tool. Sums are centred first: the energies here are
// ~1e9 with differences of a few percent, where the textbook n*Σxy - Σx*Σy form loses most of its digits.

export interface LineFit {
  readonly slope: number;
  readonly intercept: number;
  /** 1 - SS_res / SS_tot; 1 when y is constant and fitted exactly (nothing left to explain). */
  readonly r2: number;
  /** y - (slope * x + intercept), per point in input order. */
  readonly residuals: readonly number[];
}

export function fitLine(x: readonly number[], y: readonly number[]): LineFit {
  if (x.length !== y.length) throw new Error(`least squares: ${x.length} x values for ${y.length} y values`);
  if (x.length < 2) throw new Error(`least squares: a line needs at least 2 points, got ${x.length}`);
  if (![...x, ...y].every(Number.isFinite)) throw new Error('least squares: every x and y must be a finite number');
  const n = x.length;
  const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / n;
  const mx = mean(x);
  const my = mean(y);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) throw new Error('least squares: every x is the same, the slope is undefined');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const residuals = x.map((xi, i) => y[i] - (slope * xi + intercept));
  const ssRes = residuals.reduce((a, r) => a + r * r, 0);
  const r2 = syy === 0 ? 1 : 1 - ssRes / syy;
  return { slope, intercept, r2, residuals };
}
