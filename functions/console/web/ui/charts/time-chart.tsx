// A time-series chart on uPlot (small and fast on a canvas): lines per series, an optional
// threshold drawn as a dashed line, a caption, a legend in text, and the same numbers in a
// visually hidden table for screen readers. Resizes with its container; destroys the plot on unmount.

import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import {
	chartRows,
	chartSummary,
	seriesColour,
	spansDays,
	timeLabel,
	yRange,
	type ChartSeries,
	type ChartThreshold,
} from "../../logic/chart-data.ts";

export type TimeChartProps = {
	readonly caption: string;
	/** Times in epoch milliseconds, ascending; every series has one value per time. */
	readonly times: readonly number[];
	readonly series: readonly ChartSeries[];
	readonly threshold?: ChartThreshold;
	/** Plot height in CSS pixels (the width follows the container). */
	readonly height?: number;
	/** Draw the series as stepped bars of counts instead of lines. */
	readonly stepped?: boolean;
};

const THRESHOLD_COLOUR = "#7a4d00";

function thresholdPlugin(threshold: ChartThreshold): uPlot.Plugin {
	return {
		hooks: {
			draw: (u) => {
				const y = Math.round(u.valToPos(threshold.value, "y", true));
				const ctx = u.ctx;
				ctx.save();
				ctx.strokeStyle = THRESHOLD_COLOUR;
				ctx.lineWidth = 2 * uPlot.pxRatio;
				ctx.setLineDash([6 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
				ctx.beginPath();
				ctx.moveTo(u.bbox.left, y);
				ctx.lineTo(u.bbox.left + u.bbox.width, y);
				ctx.stroke();
				ctx.restore();
			},
		},
	};
}

export function TimeChart({
	caption,
	times,
	series,
	threshold,
	height = 200,
	stepped = false,
}: TimeChartProps) {
	const box = useRef<HTMLDivElement>(null);
	useEffect(() => {
		const el = box.current;
		if (!el) return;
		const crossesDays = spansDays(times);
		const [min, max] = yRange(series, threshold);
		const options: uPlot.Options = {
			width: Math.max(200, el.clientWidth),
			height,
			legend: { show: false },
			cursor: { show: false },
			plugins: threshold ? [thresholdPlugin(threshold)] : [],
			scales: { x: { time: true }, y: { range: () => [min, max] } },
			axes: [
				{
					stroke: "#4f4f4f",
					grid: { stroke: "#e3e5e8" },
					values: (_u, splits) =>
						splits.map((s) => timeLabel(s * 1000, crossesDays)),
				},
				{ stroke: "#4f4f4f", grid: { stroke: "#e3e5e8" } },
			],
			series: [
				{},
				...series.map((s, i) => ({
					label: s.label,
					stroke: seriesColour(i),
					width: 2,
					points: { show: times.length < 40 },
					...(stepped ? { paths: uPlot.paths.stepped!({ align: 1 }) } : {}),
				})),
			],
		};
		// uPlot counts time in seconds.
		const data = [
			times.map((t) => t / 1000),
			...series.map((s) => [...s.values]),
		] as uPlot.AlignedData;
		const plot = new uPlot(options, data, el);
		const resize = new ResizeObserver(() =>
			plot.setSize({ width: Math.max(200, el.clientWidth), height }),
		);
		resize.observe(el);
		return () => {
			resize.disconnect();
			plot.destroy();
		};
	}, [times, series, threshold, height, stepped]);

	const rows = chartRows(times, series);
	return (
		<figure class="time-chart">
			<figcaption>{caption}</figcaption>
			<ul class="chart-legend" aria-hidden="true">
				{series.map((s, i) => (
					<li key={s.label}>
						<span class="swatch" style={{ background: seriesColour(i) }} />
						{s.label}
					</li>
				))}
				{threshold ? (
					<li>
						<span
							class="swatch dashed"
							style={{ borderColor: THRESHOLD_COLOUR }}
						/>
						{threshold.label}
					</li>
				) : null}
			</ul>
			<div class="time-chart-plot" ref={box} aria-hidden="true" />
			<p class="visually-hidden">{chartSummary(series, threshold)}</p>
			{/* The wrapper hides it: a table never shrinks below its content, whatever its own width. */}
			<div class="visually-hidden">
				<table>
					<caption>{caption}</caption>
					<thead>
						<tr>
							<th scope="col">Time</th>
							{series.map((s) => (
								<th scope="col" key={s.label}>
									{s.label}
								</th>
							))}
						</tr>
					</thead>
					<tbody>
						{rows.map((r, i) => (
							<tr key={i}>
								<th scope="row">{r.time}</th>
								{r.cells.map((c, j) => (
									<td key={j}>{c}</td>
								))}
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</figure>
	);
}
