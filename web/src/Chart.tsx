/**
 * A small SVG chart: a line (e.g. a price's amount against quantity) or bars (e.g. usage per day).
 * Values stay decimal strings everywhere else; here they only place marks on the screen, so `Number` is fine.
 */
export interface ChartPoint {
  /** Label under the axis (a quantity, a day). */
  label: string;
  /** Decimal string. */
  value: string;
}

const WIDTH = 480;
const HEIGHT = 160;
const PAD = { top: 10, right: 10, bottom: 24, left: 56 };

export function Chart({ points, kind, title, unit }: { points: ChartPoint[]; kind: 'line' | 'bar'; title: string; unit?: string }) {
  if (points.length === 0) return <p className="state empty">Nothing to chart yet.</p>;
  const values = points.map((p) => Number(p.value));
  const max = Math.max(0, ...values.filter(Number.isFinite));
  const min = Math.min(0, ...values.filter(Number.isFinite));
  const span = max - min || 1;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const step = kind === 'bar' ? innerW / points.length : innerW / Math.max(1, points.length - 1);
  const x = (i: number) => PAD.left + (kind === 'bar' ? i * step + step / 2 : i * step);
  const y = (v: number) => PAD.top + innerH - ((v - min) / span) * innerH;
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title}>
        <line x1={PAD.left} y1={y(min)} x2={WIDTH - PAD.right} y2={y(min)} className="axis" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + innerH} className="axis" />
        <text x={PAD.left - 4} y={y(max) + 4} textAnchor="end" className="tick">
          {formatTick(max)}
        </text>
        <text x={PAD.left - 4} y={y(min)} textAnchor="end" className="tick">
          {formatTick(min)}
        </text>
        {kind === 'line' ? (
          <polyline className="series" fill="none" points={values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
        ) : (
          values.map((v, i) => (
            <rect
              key={i}
              className="series"
              x={x(i) - (step * 0.7) / 2}
              width={step * 0.7}
              y={y(Math.max(v, 0))}
              height={Math.abs(y(v) - y(0))}
            >
              <title>{`${points[i].label}: ${points[i].value}${unit ? ` ${unit}` : ''}`}</title>
            </rect>
          ))
        )}
        {kind === 'line' &&
          values.map((v, i) => (
            <circle key={i} className="point" cx={x(i)} cy={y(v)} r={2.5}>
              <title>{`${points[i].label}: ${points[i].value}${unit ? ` ${unit}` : ''}`}</title>
            </circle>
          ))}
        {points.map((p, i) =>
          i % labelEvery === 0 ? (
            <text key={i} x={x(i)} y={HEIGHT - 6} textAnchor="middle" className="tick">
              {p.label}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

function formatTick(v: number): string {
  return Math.abs(v) >= 1000 ? v.toExponential(2) : String(Number(v.toPrecision(6)));
}
