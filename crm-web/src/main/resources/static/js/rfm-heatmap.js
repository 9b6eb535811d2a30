// RFM: the R x F heat map, coloured by the metric the user picks (customers or revenue
// share) on that metric's own scale; the "use threshold cuts" link switches the run form.
(function () {
	const box = document.getElementById('rfm-heatmap');
	if (!box || !window.echarts) return;
	const cells = JSON.parse(box.dataset.cells);
	const text = { r: box.dataset.r, f: box.dataset.f, customers: box.dataset.customers, revenueShare: box.dataset.revenueShare };
	const scores = ['1', '2', '3', '4', '5'];
	const chart = echarts.init(box);
	const metric = document.getElementById('rfm-heatmap-metric');
	function draw() {
		const byRevenue = metric && metric.value === 'revenueShare';
		const dimension = byRevenue ? 3 : 2;
		const max = cells.reduce((m, c) => Math.max(m, Number(c[dimension])), byRevenue ? 1 : 1);
		chart.setOption({
			tooltip: { formatter: (p) => text.r + ' ' + (p.value[1] + 1) + ' / ' + text.f + ' ' + (p.value[0] + 1)
				+ '<br>' + text.customers + ': ' + Number(p.value[2]).toLocaleString() + '<br>' + text.revenueShare + ': ' + p.value[3] + '%' },
			grid: { left: 70, right: 30, top: 30, bottom: 90, containLabel: true },
			xAxis: { type: 'category', data: scores, name: text.f, nameLocation: 'middle', nameGap: 30, splitArea: { show: true } },
			yAxis: { type: 'category', data: scores, name: text.r, nameLocation: 'middle', nameGap: 40, splitArea: { show: true } },
			visualMap: { min: 0, max: max, dimension: dimension, calculable: true, orient: 'horizontal', left: 'center', bottom: 5,
				text: [byRevenue ? text.revenueShare + ' %' : text.customers, ''], inRange: { color: byRevenue
					? ['#fff4e6', '#f59f00', '#a33b00'] : ['#e8f1fb', '#5b9bd5', '#0b3d91'] } },
			series: [{ type: 'heatmap', data: cells,
				label: { show: true, formatter: (p) => Number(p.value[2]).toLocaleString() + '\n' + p.value[3] + '%' } }]
		}, true);
	}
	draw();
	if (metric) metric.addEventListener('change', draw);
	window.addEventListener('resize', () => chart.resize());
	const useThreshold = document.getElementById('rfm-use-threshold');
	const method = document.getElementById('rfm-method');
	if (useThreshold && method) {
		useThreshold.addEventListener('click', () => { method.value = 'THRESHOLD'; method.focus(); });
	}
})();
