// The scenario builder: the definition is the API's JSON, kept in the form's textarea;
// the fields, the flow graph and the step editor are views of it.
(function () {
	const $ = (id) => document.getElementById(id);
	const SVG = 'http://www.w3.org/2000/svg';
	const json = $('scenario-json');
	const flow = $('flow');
	const editable = flow.dataset.editable === 'true';
	const labels = {};
	document.querySelectorAll('#labels [data-label]').forEach((l) => { labels[l.dataset.label] = l.textContent; });
	let def;
	let selected = 0;

	function parse(text) {
		const d = JSON.parse(text);
		if (!d || typeof d !== 'object' || Array.isArray(d)) throw new Error('not an object');
		if (!Array.isArray(d.steps)) d.steps = [];
		d.steps = d.steps.filter((s) => s && typeof s === 'object' && !Array.isArray(s));
		return d;
	}
	try { def = parse(json.value); } catch (e) { def = { steps: [] }; }

	function save() { json.value = JSON.stringify(def, null, 2); }
	const num = (v) => (v === '' || v === null || isNaN(Number(v))) ? null : Number(v);
	const keys = () => def.steps.map((s) => s.key);
	const indexOf = (key) => keys().indexOf(key);
	const format = (name, ...args) => (labels[name] || name).replace(/\{(\d)\}/g, (m, i) => args[Number(i)]);

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

	// the graph's model: out-edges of a step, and a layered layout of the steps
	function edgesOf(step) {
		if (step.type === 'BRANCH') return [{ field: 'then', to: step.then || '' }, { field: 'else', to: step.else || '' }];
		if (step.type === 'EXIT') return [];
		return [{ field: 'next', to: step.next || '' }];
	}
	function contentName(step) {
		const option = $('content-names').querySelector('[data-content="' + Number(step.contentId) + '"]');
		return option ? option.textContent : (step.contentId || '?');
	}
	function describe(step) {
		if (step.type === 'SEND') {
			return (labels['channel-' + step.channel] || step.channel || '?') + ' · ' + contentName(step);
		}
		if (step.type === 'WAIT') return describeDuration(step.duration);
		if (step.type === 'BRANCH') {
			const c = step.if || {};
			const kind = Object.keys(c)[0];
			if (!kind) return '?';
			const label = labels['if-' + kind] || kind;
			return (kind === 'opened' || kind === 'clicked') ? label + ' ' + c[kind] + '?' : label + '?';
		}
		return '';
	}

	/**
	 * Layers are the longest path from the entry over the edges that do not close a loop
	 * (found by a depth-first walk from the entry), so every forward edge points down;
	 * the edges that close a loop are drawn back up at the side. A BRANCH's "no" starts
	 * a column to the right of its "yes"; steps no edge reaches sit in a last row.
	 */
	function layout() {
		const byKey = new Map();
		def.steps.forEach((s) => { if (!byKey.has(s.key)) byKey.set(s.key, s); });
		const back = new Set();
		const state = new Map();
		const order = [];
		function walk(key) {
			state.set(key, 1);
			order.push(key);
			edgesOf(byKey.get(key)).forEach((e) => {
				if (!byKey.has(e.to)) return;
				const s = state.get(e.to);
				if (s === 1) back.add(key + '|' + e.field);
				else if (!s) walk(e.to);
			});
			state.set(key, 2);
		}
		if (def.steps.length) walk(def.steps[0].key);
		const layer = new Map(order.map((k) => [k, 0]));
		const indegree = new Map(order.map((k) => [k, 0]));
		order.forEach((k) => edgesOf(byKey.get(k)).forEach((e) => {
			if (byKey.has(e.to) && !back.has(k + '|' + e.field)) indegree.set(e.to, indegree.get(e.to) + 1);
		}));
		const ready = order.filter((k) => indegree.get(k) === 0);
		const topo = [];
		while (ready.length) {
			const k = ready.shift();
			topo.push(k);
			edgesOf(byKey.get(k)).forEach((e) => {
				if (!byKey.has(e.to) || back.has(k + '|' + e.field)) return;
				layer.set(e.to, Math.max(layer.get(e.to), layer.get(k) + 1));
				indegree.set(e.to, indegree.get(e.to) - 1);
				if (indegree.get(e.to) === 0) ready.push(e.to);
			});
		}
		const rows = Math.max(0, ...Array.from(layer.values())) + 1;
		const column = new Map();
		const wanted = new Map();
		const taken = new Set();
		const place = (k, row, col) => {
			while (taken.has(row + ':' + col)) col++;
			taken.add(row + ':' + col);
			column.set(k, col);
		};
		topo.slice().sort((a, b) => layer.get(a) - layer.get(b) || order.indexOf(a) - order.indexOf(b)).forEach((k) => {
			place(k, layer.get(k), wanted.get(k) || 0);
			edgesOf(byKey.get(k)).forEach((e) => {
				if (byKey.has(e.to) && !wanted.has(e.to) && !back.has(k + '|' + e.field)) {
					wanted.set(e.to, column.get(k) + (e.field === 'else' ? 1 : 0));
				}
			});
		});
		let detached = 0;
		def.steps.forEach((s) => {
			if (!column.has(s.key) && byKey.get(s.key) === s) {
				layer.set(s.key, rows);
				place(s.key, rows, detached++);
			}
		});
		return { byKey, back, layer, column, rows: rows + (detached ? 1 : 0), reached: state };
	}

	// the graph, drawn as SVG
	const NODE_W = 200, NODE_H = 66, GAP_X = 36, GAP_Y = 54, PAD = 14, LOOP = 30;
	function el(name, attrs, parent) {
		const e = document.createElementNS(SVG, name);
		Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
		if (parent) parent.appendChild(e);
		return e;
	}
	function icon(type, g) {
		const i = el('g', { class: 'icon', transform: 'translate(12,10)', 'aria-hidden': 'true' }, g);
		if (type === 'SEND') {
			el('rect', { x: 0, y: 2, width: 16, height: 11, rx: 1.5 }, i);
			el('path', { d: 'M0.5 3 L8 9 L15.5 3' }, i);
		} else if (type === 'WAIT') {
			el('circle', { cx: 8, cy: 8, r: 7 }, i);
			el('path', { d: 'M8 3.5 V8 H11.5' }, i);
		} else if (type === 'BRANCH') {
			el('path', { d: 'M8 0.5 L15.5 8 L8 15.5 L0.5 8 Z' }, i);
		} else {
			el('rect', { x: 2, y: 2, width: 12, height: 12, rx: 2 }, i);
		}
	}
	function drawFlow() {
		const { byKey, back, layer, column, rows, reached } = layout();
		const cols = Math.max(1, ...Array.from(column.values()).map((c) => c + 1));
		const loops = back.size ? LOOP + back.size * 10 : 0;
		const width = PAD * 2 + cols * NODE_W + (cols - 1) * GAP_X + loops;
		const height = PAD * 2 + rows * NODE_H + (rows - 1) * GAP_Y;
		const pos = (k) => ({ x: PAD + column.get(k) * (NODE_W + GAP_X), y: PAD + layer.get(k) * (NODE_H + GAP_Y) });
		const focused = flow.contains(document.activeElement) ? document.activeElement.id : null;
		flow.innerHTML = '';
		const svg = el('svg', { id: 'flow-graph', width: width, height: height, viewBox: '0 0 ' + width + ' ' + height,
			role: 'group', 'aria-label': labels.graph || 'Flow' }, flow);
		const defs = el('defs', {}, svg);
		['arrow', 'arrow-back'].forEach((id) => {
			const m = el('marker', { id: id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
				orient: 'auto-start-reverse' }, defs);
			el('path', { d: 'M0 0 L10 5 L0 10 Z', class: id }, m);
		});
		// long names are cut at the node's edge, not shortened: the text stays whole for
		// the node's accessible name
		const clip = el('clipPath', { id: 'node-clip', clipPathUnits: 'userSpaceOnUse' }, defs);
		el('rect', { x: 0, y: 0, width: NODE_W - 8, height: NODE_H }, clip);
		const edges = el('g', { class: 'edges' }, svg);
		const adders = el('g', { class: 'adders' }, svg);
		const nodes = el('g', { class: 'nodes' }, svg);
		const right = PAD + cols * NODE_W + (cols - 1) * GAP_X;
		let loopIndex = 0;
		def.steps.forEach((step) => {
			if (byKey.get(step.key) !== step || !column.has(step.key)) return;
			const from = pos(step.key);
			const out = edgesOf(step);
			out.forEach((e, n) => {
				const g = el('g', { class: 'edge ' + e.field, id: 'edge-' + step.key + '-' + e.field,
					'data-from': step.key, 'data-to': e.to, 'data-field': e.field }, edges);
				const x1 = from.x + NODE_W * (out.length === 1 ? 0.5 : (n === 0 ? 0.3 : 0.7));
				const y1 = from.y + NODE_H;
				let d, mid;
				if (!byKey.has(e.to) || !column.has(e.to)) {
					d = 'M' + x1 + ' ' + y1 + ' V' + (y1 + GAP_Y * 0.6);
					g.classList.add('dangling');
					mid = { x: x1, y: y1 + GAP_Y * 0.3 };
				} else if (back.has(step.key + '|' + e.field) || layer.get(e.to) <= layer.get(step.key)) {
					// a loop: down out of its port, right past every column, up, into the target's side
					const to = pos(e.to);
					const lane = right + LOOP / 2 + (loopIndex++) * 10;
					const drop = y1 + 18 + loopIndex * 4;
					d = 'M' + x1 + ' ' + y1 + ' V' + drop + ' H' + lane + ' V' + (to.y + NODE_H / 2) + ' H' + (to.x + NODE_W);
					g.classList.add('back');
					mid = null;
				} else {
					const to = pos(e.to);
					const x2 = to.x + NODE_W / 2, y2 = to.y;
					const bend = Math.max(18, (y2 - y1) / 2);
					d = 'M' + x1 + ' ' + y1 + ' C' + x1 + ' ' + (y1 + bend) + ' ' + x2 + ' ' + (y2 - bend) + ' ' + x2 + ' ' + y2;
					mid = { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
				}
				el('path', { d: d, class: 'edge-line',
					'marker-end': g.classList.contains('back') ? 'url(#arrow-back)' : 'url(#arrow)' }, g);
				if (e.field !== 'next') {
					const t = el('text', { x: x1 + (n === 0 ? -6 : 6), y: y1 + 14, class: 'edge-label',
						'text-anchor': n === 0 ? 'end' : 'start' }, g);
					t.textContent = e.field === 'then' ? labels.yes : labels.no;
				}
				if (editable && mid && byKey.has(e.to)) adder(adders, step.key, e.field, e.to, mid);
			});
		});
		def.steps.forEach((step, i) => {
			if (byKey.get(step.key) !== step || !column.has(step.key)) return;
			const p = pos(step.key);
			const g = el('g', { id: 'step-' + step.key, class: 'node ' + (step.type || ''), 'data-index': i,
				role: 'button', tabindex: i === selected ? 0 : -1, 'aria-pressed': String(i === selected),
				transform: 'translate(' + p.x + ',' + p.y + ')' }, nodes);
			if (i === selected) g.classList.add('selected');
			if (i === 0) g.classList.add('entry');
			const detached = !reached.has(step.key);
			if (detached) g.classList.add('detached');
			const error = flow.dataset.errorStep && flow.dataset.errorStep === step.key;
			if (error) g.classList.add('has-error');
			el('rect', { class: 'box', width: NODE_W, height: NODE_H, rx: 8 }, g);
			el('rect', { class: 'bar', width: 6, height: NODE_H - 2, x: 1, y: 1, rx: 3 }, g);
			icon(step.type, g);
			// the texts are the node's accessible name; what is not shown is its description
			const texts = el('g', { 'clip-path': 'url(#node-clip)' }, g);
			const head = el('text', { x: 34, y: 22, class: 'step-type' }, texts);
			head.textContent = (labels['type-' + step.type] || step.type || '?') + ' · ' + step.key;
			el('text', { x: 14, y: 42, class: 'step-detail' }, texts).textContent = describe(step);
			el('text', { x: 14, y: 59, class: 'step-counts', 'data-step': step.key }, texts);
			if (error) {
				el('text', { x: NODE_W - 12, y: 22, class: 'error-mark', 'text-anchor': 'end', 'aria-hidden': 'true' }, g)
					.textContent = '!';
			}
			const notes = [i === 0 && labels.entry, detached && labels.unreachable, error && labels.error].filter(Boolean);
			if (notes.length) el('desc', {}, g).textContent = notes.join('; ');
		});
		if (focused && $(focused)) $(focused).focus();
		showCounts();
	}
	function adder(parent, from, field, to, mid) {
		const g = el('g', { class: 'adder', role: 'button', tabindex: 0, id: 'add-' + from + '-' + field,
			'data-from': from, 'data-field': field, transform: 'translate(' + mid.x + ',' + mid.y + ')',
			'aria-label': format('addBetween', from, to) }, parent);
		el('circle', { r: 9 }, g);
		el('path', { d: 'M-4.5 0 H4.5 M0 -4.5 V4.5', 'aria-hidden': 'true' }, g);
		el('title', {}, g).textContent = format('addBetween', from, to);
	}
	function showCounts() {
		document.querySelectorAll('#counts-table tbody tr').forEach((row) => {
			const target = flow.querySelector('.step-counts[data-step="' + CSS.escape(row.dataset.step) + '"]');
			if (!target) return;
			target.textContent = Array.from(row.querySelectorAll('td[data-state]'))
				.filter((td) => td.textContent.trim() !== '0')
				.map((td) => td.dataset.label + ' ' + td.textContent.trim()).join(' · ');
		});
	}

	// the step editor (absent for read-only roles)
	const editor = $('step-editor');
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
		document.querySelectorAll('#step-editor [data-for]').forEach((e) => { e.hidden = !e.dataset.for.split(' ').includes(type); });
		document.querySelectorAll('#step-editor [data-kind]').forEach((e) => { e.hidden = !e.dataset.kind.split(' ').includes(kind); });
		$('step-add').hidden = type === 'BRANCH' || type === 'EXIT';
		$('step-add-yes').hidden = $('step-add-no').hidden = type !== 'BRANCH';
		$('step-remove').hidden = def.steps.length < 2;
	}
	function fillEditor() {
		if (!editor) return;
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
	/** A new type keeps where the step led, so changing it never cuts the flow. */
	function retype(old, type) {
		const follow = old.next || old.then || old.else || '';
		if (type === 'BRANCH') {
			if (!$('step-then').value) $('step-then').value = follow;
			if (!$('step-else').value) $('step-else').value = follow;
			if (!$('step-if-step').value) {
				const send = def.steps.find((s) => s.type === 'SEND' && s.key !== old.key);
				$('step-if-step').value = send ? send.key : '';
			}
		} else if (type !== 'EXIT' && !$('step-next').value) {
			$('step-next').value = follow;
		}
		if (type === 'WAIT' && !$('step-duration-amount').value) {
			$('step-duration-amount').value = 1;
			$('step-duration-unit').value = 'D';
		}
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
		const before = json.value;
		save();
		// leaving a field already read on input changes nothing: the graph stays, so a
		// click that left the field still lands on its node
		if (json.value !== before) drawFlow();
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
	/** Puts a new one-day WAIT on the edge from step `from` (its next, then or else). */
	function insert(from, field) {
		const i = indexOf(from);
		const current = def.steps[i];
		if (!current) return;
		const step = { key: freshKey(), type: 'WAIT', duration: 'P1D', next: current[field] || '' };
		current[field] = step.key;
		def.steps.splice(i + 1, 0, step);
		select(i + 1);
		if (editor) $('step-type').focus();
	}
	/** Removes a step and leads every edge into it on to where it led. */
	function remove(i) {
		const gone = def.steps[i];
		if (!gone || def.steps.length < 2) return;
		let follow = gone.next || gone.then || gone.else || '';
		if (gone.type === 'EXIT') {
			const other = def.steps.find((s) => s.type === 'EXIT' && s !== gone);
			follow = other ? other.key : '';
		}
		if (follow === gone.key) follow = '';
		def.steps.splice(i, 1);
		def.steps.forEach((s) => ['next', 'then', 'else'].forEach((f) => { if (s[f] === gone.key) s[f] = follow; }));
		if (i === 0 && follow) {
			// the step it led to becomes the entry
			const j = indexOf(follow);
			if (j > 0) def.steps.unshift(def.steps.splice(j, 1)[0]);
		}
		const at = indexOf(follow);
		select(at >= 0 ? at : Math.max(0, i - 1));
	}
	function select(i, focus) {
		selected = i;
		save();
		drawFlow();
		fillEditor();
		const step = def.steps[i];
		if (focus && step) {
			const node = $('step-' + step.key);
			if (node) node.focus();
		}
	}

	function activate(target) {
		const adding = target.closest('.adder');
		if (adding) {
			insert(adding.dataset.from, adding.dataset.field);
			return true;
		}
		const node = target.closest('.node');
		if (node) {
			select(Number(node.dataset.index), true);
			return true;
		}
		return false;
	}
	flow.addEventListener('click', (e) => { activate(e.target); });
	flow.addEventListener('keydown', (e) => {
		if (e.key === 'Enter' || e.key === ' ') {
			if (activate(e.target)) e.preventDefault();
			return;
		}
		// arrows move between nodes in the order of the steps (a roving tab stop)
		const node = e.target.closest && e.target.closest('.node');
		if (!node || !['ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft'].includes(e.key)) return;
		const by = (e.key === 'ArrowDown' || e.key === 'ArrowRight') ? 1 : -1;
		const to = Math.min(def.steps.length - 1, Math.max(0, Number(node.dataset.index) + by));
		select(to, true);
		e.preventDefault();
	});
	if (editor) {
		// a typed duration shows in the graph at once, not only when the field is left
		editor.addEventListener('input', (e) => {
			if (e.target.id === 'step-duration-amount') readEditor();
		});
		editor.addEventListener('change', (e) => {
			if (e.target.id === 'step-channel') filterContents();
			if (e.target.id === 'step-type') retype(def.steps[selected] || {}, e.target.value);
			readEditor();
		});
		$('step-add').addEventListener('click', () => {
			const current = def.steps[selected];
			if (current) insert(current.key, 'next');
		});
		$('step-add-yes').addEventListener('click', () => insert(def.steps[selected].key, 'then'));
		$('step-add-no').addEventListener('click', () => insert(def.steps[selected].key, 'else'));
		$('step-remove').addEventListener('click', () => remove(selected));
	}

	$('scenario-fields').addEventListener('input', readFields);
	$('scenario-fields').addEventListener('change', readFields);
	$('json-toggle').addEventListener('click', () => {
		json.hidden = !json.hidden;
		$('json-toggle').setAttribute('aria-expanded', String(!json.hidden));
	});
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
		const i = indexOf(flow.dataset.errorStep);
		if (i >= 0) selected = i;
	}
	fillFields();
	drawFlow();
	fillEditor();
})();
