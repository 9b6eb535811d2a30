// Home: purchasing customers (bars), average order value and frequency (lines) per month.
// The running month is drawn hatched and labelled as partial, so it is not read as a drop.
(function () {
	const box = document.getElementById('kpi-chart');
	if (!box || !window.echarts) return;
	const data = JSON.parse(box.dataset.chart);
	const names = { customers: box.dataset.nameCustomers, averageOrderValue: box.dataset.nameAverageOrderValue,
		frequency: box.dataset.nameFrequency, partial: box.dataset.namePartial };
	const partial = box.dataset.partial;
	const months = data.months.map((m) => (m === partial ? m + ' (' + names.partial + ')' : m));
	const bars = data.customers.map((v, i) => (data.months[i] === partial
		? { value: v, itemStyle: { color: '#9db8d9', decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: -Math.PI / 4 } } }
		: v));
	const chart = echarts.init(box);
	chart.setOption({
		aria: { enabled: true, decal: { show: false } },
		tooltip: { trigger: 'axis' },
		legend: { data: [names.customers, names.averageOrderValue, names.frequency] },
		grid: { left: 60, right: 110, bottom: 40 },
		xAxis: { type: 'category', data: months },
		yAxis: [
			{ type: 'value', name: names.customers },
			{ type: 'value', name: names.averageOrderValue, position: 'right', nameTextStyle: { align: 'right' } },
			{ type: 'value', name: names.frequency, position: 'right', offset: 60, nameTextStyle: { align: 'left' } }
		],
		series: [
			{ name: names.customers, type: 'bar', data: bars },
			{ name: names.averageOrderValue, type: 'line', yAxisIndex: 1, data: data.averageOrderValue,
				lineStyle: {}, connectNulls: false },
			{ name: names.frequency, type: 'line', yAxisIndex: 2, data: data.frequency }
		]
	});
	window.addEventListener('resize', () => chart.resize());
})();
