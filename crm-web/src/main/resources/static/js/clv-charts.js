// Draws the CLV page's charts from the JSON block #clv-data, on load and after htmx swaps
// in a new fit.
(function () {
	function draw() {
		const el = document.getElementById('clv-data');
		if (!el || !window.echarts || el.dataset.drawn) {
			return;
		}
		el.dataset.drawn = 'true';
		const d = JSON.parse(el.textContent);
		const text = d.text;
		echarts.init(document.getElementById('clv-holdout')).setOption({
			tooltip: { trigger: 'axis' }, legend: { data: [text.predicted, text.actual] },
			xAxis: { type: 'category', data: d.holdout.weeks, name: text.week }, yAxis: { type: 'value' },
			series: [{ name: text.predicted, type: 'line', data: d.holdout.predicted },
				{ name: text.actual, type: 'line', data: d.holdout.actual }]
		});
		echarts.init(document.getElementById('clv-palive')).setOption({
			tooltip: {}, xAxis: { type: 'category', data: ['0–0.1', '0.1–0.2', '0.2–0.3', '0.3–0.4', '0.4–0.5',
				'0.5–0.6', '0.6–0.7', '0.7–0.8', '0.8–0.9', '0.9–1'] },
			yAxis: { type: 'value', name: text.customers }, series: [{ type: 'bar', data: d.pAlive }]
		});
		echarts.init(document.getElementById('clv-clv')).setOption({
			tooltip: {}, xAxis: { type: 'category', data: d.clvBins },
			yAxis: { type: 'value', name: text.customers }, series: [{ type: 'bar', data: d.clvCounts }]
		});
	}
	document.addEventListener('DOMContentLoaded', draw);
	document.body.addEventListener('htmx:afterSettle', draw);
})();
