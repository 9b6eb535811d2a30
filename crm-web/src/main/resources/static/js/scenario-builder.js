// The scenario builder: the definition is the API's JSON, kept in the form's textarea;
// the fields, the flow and the step editor are views of it.
(function () {
	const $ = (id) => document.getElementById(id);
	const json = $('scenario-json');
	const flow = $('flow');
	const labels = {};
	document.querySelectorAll('#labels [data-label]').forEach((l) => { labels[l.dataset.label] = l.textContent; });
	let def;
	let selected = 0;

	function parse(text) {
		const d = JSON.parse(text);
		if (!d || typeof d !== 'object' || Array.isArray(d)) throw new Error('not an object');
		if (!Array.isArray(d.steps)) d.steps = [];
		return d;
	}
	try { def = parse(json.value); } catch (e) { def = { steps: [] }; }

	function save() { json.value = JSON.stringify(def, null, 2); }
	const num = (v) => (v === '' || v === null || isNaN(Number(v))) ? null : Number(v);
	const keys = () => def.steps.map((s) => s.key);

	// Durations are ISO-8601 in the definition (P3D, PT2H, PT30M) and number + unit on the page.
	const UNITS = { M: 'minutes', H: 'hours', D: 'days', W: 'weeks' };
	function parseDuration(iso) {
		const m = /^P(?:(\d+)W|(\d+)D|T(\d+)H|T(\d+)M)$/.exec(iso || '');
		if (!m) return null;
		if (m[1]) return { amount: Number(m[1]), unit: 'W' };
		if (m[2]) return { amount: Number(m[2]), unit: 'D' };
		if (m[3]) return { amount: Number(m[3]), unit: 'H' };
		return { amount: Number(m[4]), unit: 'M' };
	}
	function formatDuration(amount, unit) {
		if (!amount || amount < 1) return '';
		if (unit === 'W') return 'P' + (amount * 7) + 'D';
		return unit === 'D' ? 'P' + amount + 'D' : 'PT' + amount + unit;
	}
	function describeDuration(iso) {
		const d = parseDuration(iso);
		if (!d) return iso || '?';
		if (d.unit === 'D' && d.amount % 7 === 0 && d.amount >= 7) return (d.amount / 7) + ' ' + (labels['unit-W'] || 'weeks');
		return d.amount + ' ' + (labels['unit-' + d.unit] || UNITS[d.unit]);
	}

	// scenario fields
	function fillFields() {
		document.querySelectorAll('#scenario-fields [data-path]').forEach((input) => {
			const v = def[input.dataset.path];
			input.value = (v === null || v === undefined) ? '' : v;
		});
		$('sc-cap-max').value = def.frequencyCap ? def.frequencyCap.max : '';
		$('sc-cap-days').value = def.frequencyCap ? def.frequencyCap.days : '';
		$('sc-goal-days').value = def.goal ? def.goal.withinDays : '';
		$('sc-unanswered').value = (def.exitAfterUnansweredSends != null) ? def.exitAfterUnansweredSends : '';
		const quiet = def.quietHours !== null;
		$('sc-quiet').checked = quiet;
		$('sc-quiet-from').value = (quiet && def.quietHours) ? def.quietHours.from : '21:00';
		$('sc-quiet-to').value = (quiet && def.quietHours) ? def.quietHours.to : '09:00';
	}
	function readFields() {
		document.querySelectorAll('#scenario-fields [data-path]').forEach((input) => {
			def[input.dataset.path] = input.dataset.number ? num(input.value) : input.value;
		});
		const max = num($('sc-cap-max').value), days = num($('sc-cap-days').value);
		if (max === null && days === null) delete def.frequencyCap;
		else def.frequencyCap = Object.assign({}, def.frequencyCap, { max: max, days: days });
		const goal = num($('sc-goal-days').value);
		if (goal === null) delete def.goal; else def.goal = { type: 'PURCHASE', withinDays: goal };
		const unanswered = num($('sc-unanswered').value);
		if (unanswered === null) delete def.exitAfterUnansweredSends; else def.exitAfterUnansweredSends = unanswered;
		// per-channel windows ("SMS": {...}) written in the JSON view are kept
		def.quietHours = $('sc-quiet').checked
			? Object.assign({}, def.quietHours, { from: $('sc-quiet-from').value, to: $('sc-quiet-to').value })
			: null;
		save();
	}

	// the flow diagram
	function describe(step) {
		if (step.type === 'SEND') {
			const option = document.querySelector('#step-content option[value="' + step.contentId + '"]');
			return (step.channel || '') + ' · ' + (option ? option.textContent : (step.contentId || '?'));
		}
		if (step.type === 'WAIT') return describeDuration(step.duration);
		if (step.type === 'BRANCH') {
			const c = step.if || {};
			const kind = Object.keys(c)[0];
			if (!kind) return '?';
			const label = labels['if-' + kind] || kind;
			return (kind === 'opened' || kind === 'clicked') ? label + ' ' + c[kind] : label;
		}
		return '';
	}
	function drawFlow() {
		flow.innerHTML = '';
		def.steps.forEach((step, i) => {
			const box = document.createElement('div');
			box.className = 'step-box ' + (step.type || '');
			box.id = 'step-' + step.key;
			box.dataset.index = i;
			if (i === selected) box.classList.add('selected');
			if (flow.dataset.errorStep && flow.dataset.errorStep === step.key) {
				box.classList.add('has-error');
				box.title = labels.error;
			}
			const head = document.createElement('div');
			head.className = 'step-type';
			head.textContent = (labels['type-' + step.type] || step.type) + ' · ' + step.key;
			const detail = document.createElement('div');
			detail.textContent = describe(step);
			const counts = document.createElement('div');
			counts.className = 'hint step-counts';
			counts.dataset.step = step.key;
			box.append(head, detail, counts);
			flow.appendChild(box);
			const edge = document.createElement('div');
			edge.className = 'edge';
			if (step.type === 'BRANCH') edge.textContent = '↳ ' + labels.then + ' → ' + (step.then || '?') + '   ↳ ' + labels.else + ' → ' + (step.else || '?');
			else if (step.type !== 'EXIT') edge.textContent = '↓ ' + labels.next + ' → ' + (step.next || '?');
			if (edge.textContent) flow.appendChild(edge);
		});
		showCounts();
	}
	function showCounts() {
		document.querySelectorAll('#counts-table tbody tr').forEach((row) => {
			const target = flow.querySelector('.step-counts[data-step="' + row.dataset.step + '"]');
			if (!target) return;
			target.textContent = Array.from(row.querySelectorAll('td[data-state]'))
				.filter((td) => td.textContent.trim() !== '0')
				.map((td) => td.dataset.label + ' ' + td.textContent.trim()).join(' · ');
		});
	}

	// the step editor
	function fillTargets() {
		document.querySelectorAll('select.step-targets').forEach((select) => {
			const current = select.value;
			select.innerHTML = '';
			select.appendChild(new Option('', ''));
			const sends = select.id === 'step-if-step';
			def.steps.filter((s) => !sends || s.type === 'SEND').forEach((s) => select.appendChild(new Option(s.key, s.key)));
			select.value = current;
		});
	}
	function filterContents() {
		const channel = $('step-channel').value;
		$('step-content').querySelectorAll('option[data-channel]').forEach((o) => {
			o.hidden = o.disabled = o.dataset.channel !== channel;
		});
	}
	function showFor(type, kind) {
		document.querySelectorAll('#step-editor [data-for]').forEach((el) => { el.hidden = !el.dataset.for.split(' ').includes(type); });
		document.querySelectorAll('#step-editor [data-kind]').forEach((el) => { el.hidden = !el.dataset.kind.split(' ').includes(kind); });
	}
	function fillEditor() {
		fillTargets();
		const step = def.steps[selected];
		if (!step) { showFor('', ''); return; }
		$('step-key').value = step.key || '';
		$('step-type').value = step.type || 'SEND';
		$('step-channel').value = step.channel || 'EMAIL';
		filterContents();
		$('step-content').value = (step.contentId != null) ? String(step.contentId) : '';
		const duration = parseDuration(step.duration) || { amount: '', unit: 'D' };
		$('step-duration-amount').value = duration.amount;
		$('step-duration-unit').value = duration.unit;
		const c = step.if || {};
		const kind = Object.keys(c)[0] || 'opened';
		$('step-if-kind').value = kind;
		$('step-if-step').value = (kind === 'opened' || kind === 'clicked') ? c[kind] : '';
		$('step-if-rule').value = (kind === 'rule') ? JSON.stringify(c.rule) : '';
		$('step-next').value = step.next || '';
		$('step-then').value = step.then || '';
		$('step-else').value = step.else || '';
		showFor(step.type, kind);
	}
	function readEditor() {
		const old = def.steps[selected];
		if (!old) return;
		const type = $('step-type').value;
		const key = $('step-key').value.trim();
		const step = { key: key, type: type };
		if (type === 'SEND') {
			step.channel = $('step-channel').value;
			step.contentId = num($('step-content').value);
			step.next = $('step-next').value;
		} else if (type === 'WAIT') {
			step.duration = formatDuration(Number($('step-duration-amount').value), $('step-duration-unit').value);
			step.next = $('step-next').value;
		} else if (type === 'BRANCH') {
			const kind = $('step-if-kind').value;
			if (kind === 'purchased') step.if = { purchased: true };
			else if (kind === 'rule') {
				try { step.if = { rule: JSON.parse($('step-if-rule').value || '{"all":[]}') }; }
				catch (e) { step.if = { rule: $('step-if-rule').value }; }
			} else step.if = { [kind]: $('step-if-step').value };
			step.then = $('step-then').value;
			step.else = $('step-else').value;
		}
		if (old.key !== key && key !== '') rename(old.key, key);
		def.steps[selected] = step;
		save();
		drawFlow();
		fillTargets();
		showFor(type, $('step-if-kind').value);
	}
	function rename(from, to) {
		def.steps.forEach((s) => {
			['next', 'then', 'else'].forEach((f) => { if (s[f] === from) s[f] = to; });
			if (s.if && s.if.opened === from) s.if.opened = to;
			if (s.if && s.if.clicked === from) s.if.clicked = to;
		});
	}
	function freshKey() {
		let n = 1; // the lowest free number: s1, s2, s3 … without gaps
		while (keys().includes('s' + n)) n++;
		return 's' + n;
	}

	flow.addEventListener('click', (e) => {
		const box = e.target.closest('.step-box');
		if (!box) return;
		selected = Number(box.dataset.index);
		drawFlow();
		fillEditor();
	});
	const editor = $('step-editor');
	editor.addEventListener('change', (e) => {
		if (e.target.id === 'step-channel') filterContents();
		readEditor();
	});
	$('step-add').addEventListener('click', () => {
		const current = def.steps[selected];
		const step = { key: freshKey(), type: 'WAIT', duration: 'P1D', next: current ? (current.next || '') : '' };
		if (current && current.type !== 'BRANCH' && current.type !== 'EXIT') current.next = step.key;
		def.steps.splice(selected + 1, 0, step);
		selected = selected + 1;
		save(); drawFlow(); fillEditor();
	});
	$('step-remove').addEventListener('click', () => {
		if (def.steps.length === 0) return;
		def.steps.splice(selected, 1);
		selected = Math.max(0, selected - 1);
		save(); drawFlow(); fillEditor();
	});
	$('step-up').addEventListener('click', () => move(-1));
	$('step-down').addEventListener('click', () => move(1));
	function move(by) {
		const to = selected + by;
		if (to < 0 || to >= def.steps.length) return;
		const [step] = def.steps.splice(selected, 1);
		def.steps.splice(to, 0, step);
		selected = to;
		save(); drawFlow(); fillEditor();
	}

	$('scenario-fields').addEventListener('input', readFields);
	$('scenario-fields').addEventListener('change', readFields);
	$('json-toggle').addEventListener('click', () => { json.hidden = !json.hidden; });
	json.addEventListener('input', () => {
		try {
			def = parse(json.value);
			$('json-error').hidden = true;
			selected = Math.min(selected, Math.max(0, def.steps.length - 1));
			fillFields(); drawFlow(); fillEditor();
		} catch (e) {
			$('json-error').hidden = false;
			$('json-error').textContent = e.message;
		}
	});
	$('scenario-form').addEventListener('submit', () => {
		if (!json.hidden) return;
		readFields();
	});
	document.body.addEventListener('htmx:afterSwap', showCounts);

	if (flow.dataset.errorStep) {
		const i = keys().indexOf(flow.dataset.errorStep);
		if (i >= 0) selected = i;
	}
	fillFields();
	drawFlow();
	fillEditor();
})();
