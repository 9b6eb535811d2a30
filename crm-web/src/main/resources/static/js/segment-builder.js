// The segment builder: conditions and groups edited as form controls, values chosen from
// the field's list (GET /api/segments/fields, embedded in data-fields), numbers with their
// unit, the rule shown as a sentence, and the live count refreshed through htmx.
(function () {
	const builder = document.getElementById('builder');
	if (!builder) return;
	const fieldList = JSON.parse(builder.dataset.fields);
	const text = JSON.parse(builder.dataset.text);
	const fields = {};
	fieldList.forEach((f) => { fields[f.field] = f; });
	const conditionTemplate = document.getElementById('condition-template');
	const groupTemplate = document.getElementById('group-template');
	const numericTypes = ['days', 'money', 'count', 'age', 'score', 'level', 'number'];
	const lists = ['in', 'notIn'];
	const items = (group) => group.querySelector(':scope > .items');
	const changed = () => { sentence(); document.body.dispatchEvent(new Event('rule-changed')); };

	function el(tag, attrs, content) {
		const e = document.createElement(tag);
		Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== null && v !== undefined) e.setAttribute(k, v); });
		if (content !== undefined) e.textContent = content;
		return e;
	}
	function fieldLabel(row) {
		const select = row.querySelector('select.field');
		return select.options[select.selectedIndex].text;
	}
	function choiceSelect(field, cls, multiple, label) {
		const select = el('select', { class: cls, 'aria-label': label });
		if (multiple) { select.multiple = true; select.size = Math.min(6, field.values.length); select.classList.add('multi'); }
		else select.appendChild(el('option', { value: '' }, text.choose));
		field.values.forEach((v) => select.appendChild(el('option', { value: String(v.value) }, v.label)));
		return select;
	}
	function numberInput(field, cls, label) {
		const input = el('input', { type: 'number', class: cls, min: field.type === 'score' ? 1 : 0,
			max: field.type === 'score' ? 5 : (field.type === 'age' ? 150 : null), step: (field.type === 'money' || field.type === 'number') ? 'any' : 1,
			'aria-label': label, inputmode: 'numeric' });
		return input;
	}
	function withUnit(field, control) {
		const unit = text.unit[field.type];
		if (!unit) return [control];
		if (field.type === 'money') return [el('span', { class: 'unit' }, unit), control];
		return [control, el('span', { class: 'unit' }, unit)];
	}
	// Builds the value control(s) for the row's field and operator.
	function renderValue(row, value) {
		const field = fields[row.querySelector('select.field').value];
		const op = row.querySelector('select.op').value;
		const slot = row.querySelector('.value-slot');
		slot.replaceChildren();
		const label = fieldLabel(row);
		let controls;
		if (field.values && op !== 'contains') {
			if (op === 'between') {
				controls = [choiceSelect(field, 'value value-lo', false, label + ' ' + text.from), el('span', { class: 'unit' }, text.and),
					choiceSelect(field, 'value value-hi', false, label + ' ' + text.to)];
			} else {
				controls = [choiceSelect(field, 'value', lists.includes(op), label)];
			}
		} else if (numericTypes.includes(field.type)) {
			if (op === 'between') {
				controls = [...withUnit(field, numberInput(field, 'value value-lo', label + ' ' + text.from)),
					el('span', { class: 'unit' }, text.and), ...withUnit(field, numberInput(field, 'value value-hi', label + ' ' + text.to))];
			} else if (lists.includes(op)) {
				controls = withUnit(field, el('input', { type: 'text', class: 'value', 'aria-label': label, placeholder: text.listHint }));
			} else {
				controls = withUnit(field, numberInput(field, 'value', label));
			}
		} else {
			controls = [el('input', { type: 'text', class: 'value', 'aria-label': label, maxlength: 200,
				placeholder: lists.includes(op) ? text.listHint : '' })];
		}
		controls.forEach((c) => slot.appendChild(c));
		if (value !== undefined && value !== null) setValue(row, value);
	}
	function setValue(row, value) {
		const controls = row.querySelectorAll('.value-slot .value');
		if (controls.length === 2 && Array.isArray(value)) {
			controls[0].value = String(value[0]); controls[1].value = String(value[1]);
		} else if (controls[0].multiple) {
			const wanted = (Array.isArray(value) ? value : [value]).map(String);
			Array.from(controls[0].options).forEach((o) => { o.selected = wanted.includes(o.value); });
		} else {
			controls[0].value = Array.isArray(value) ? value.join(', ') : String(value);
		}
	}
	function syncOps(row) {
		const allowed = fields[row.querySelector('select.field').value].ops;
		const op = row.querySelector('select.op');
		op.querySelectorAll('option').forEach((o) => { o.hidden = o.disabled = !allowed.includes(o.value); });
		if (!allowed.includes(op.value)) op.value = allowed[0];
	}
	function addCondition(list, c) {
		const row = conditionTemplate.content.firstElementChild.cloneNode(true);
		list.appendChild(row);
		if (c && fields[c.field]) row.querySelector('select.field').value = c.field;
		syncOps(row);
		if (c && fields[c.field]) row.querySelector('select.op').value = c.op;
		renderValue(row, c ? c.value : undefined);
		return row;
	}
	function fill(group, rule) {
		const match = (rule && rule.any) ? 'any' : 'all';
		group.querySelector(':scope > .group-head select.match').value = match;
		((rule && rule[match]) || []).forEach((r) => {
			if (r.field) { addCondition(items(group), r); return; }
			const child = groupTemplate.content.firstElementChild.cloneNode(true);
			items(group).appendChild(child);
			fill(child, r);
		});
	}
	function convert(field, raw) {
		if (numericTypes.includes(field.type) && raw !== '' && !isNaN(Number(raw))) return Number(raw);
		// choices whose values are numbers (content and scenario ids) go back as numbers
		const numbered = field.values && field.values.length && typeof field.values[0].value === 'number';
		if (numbered && raw !== '' && !isNaN(Number(raw))) return Number(raw);
		return raw;
	}
	// The condition's value as the rule JSON wants it, or null while it is incomplete.
	function valueOf(row) {
		const field = fields[row.querySelector('select.field').value];
		const op = row.querySelector('select.op').value;
		const controls = row.querySelectorAll('.value-slot .value');
		if (op === 'between') {
			const lo = controls[0].value.trim(); const hi = controls[1].value.trim();
			return (lo === '' || hi === '') ? null : [convert(field, lo), convert(field, hi)];
		}
		if (controls[0].multiple) {
			const chosen = Array.from(controls[0].selectedOptions).map((o) => convert(field, o.value));
			return chosen.length ? chosen : null;
		}
		const raw = controls[0].value.trim();
		if (raw === '') return null;
		if (lists.includes(op)) {
			const parts = raw.split(/[,、]/).map((s) => s.trim()).filter((s) => s !== '').map((s) => convert(field, s));
			return parts.length ? parts : null;
		}
		return convert(field, raw);
	}
	function rule(group, path) {
		const match = group.querySelector(':scope > .group-head select.match').value;
		const parts = [];
		items(group).querySelectorAll(':scope > *').forEach((e) => {
			const here = (path ? path + '.' : '') + match + '[' + parts.length + ']';
			if (!e.classList.contains('condition')) { e.dataset.path = here; parts.push(rule(e, here)); return; }
			const value = valueOf(e);
			e.classList.toggle('incomplete', value === null);
			if (value === null) { delete e.dataset.path; return; }
			e.dataset.path = here;
			parts.push({ field: e.querySelector('select.field').value, op: e.querySelector('select.op').value, value: value });
		});
		return { [match]: parts };
	}
	window.segmentRule = () => JSON.stringify(rule(builder.querySelector('.group.root'), ''));

	// The rule as a sentence: "Prefecture is 東京都 and Days since last purchase at most 30 days".
	function describeValue(row) {
		const field = fields[row.querySelector('select.field').value];
		const controls = Array.from(row.querySelectorAll('.value-slot .value'));
		const shown = (c) => {
			if (c.tagName === 'SELECT') return Array.from(c.selectedOptions).filter((o) => o.value !== '').map((o) => o.text).join(text.listJoin);
			const v = c.value.trim();
			if (v === '') return '';
			if (field.type === 'money') return text.unit.money + Number(v).toLocaleString();
			return text.unit[field.type] && field.type !== 'score' ? v + ' ' + text.unit[field.type] : v;
		};
		const values = controls.map(shown);
		return values.length === 2 ? values[0] + ' ' + text.and + ' ' + values[1] : values[0];
	}
	function describe(group) {
		const match = group.querySelector(':scope > .group-head select.match').value;
		const parts = [];
		items(group).querySelectorAll(':scope > *').forEach((e) => {
			if (!e.classList.contains('condition')) {
				const inner = describe(e);
				if (inner) parts.push('(' + inner + ')');
				return;
			}
			const value = describeValue(e);
			if (!value) return;
			const op = e.querySelector('select.op');
			parts.push(fieldLabel(e) + ' ' + op.options[op.selectedIndex].text + ' ' + value);
		});
		return parts.join(match === 'any' ? text.or : text.andJoin);
	}
	function sentence() {
		const described = describe(builder.querySelector('.group.root'));
		document.getElementById('rule-sentence').textContent = described ? text.sentence.replace('{0}', described) : text.everyone;
	}
	// A rule error names a JSON path (all[1].value): mark the condition it points at.
	function markError(path) {
		builder.querySelectorAll('.condition.has-error').forEach((r) => r.classList.remove('has-error'));
		if (!path) return;
		let best = null;
		builder.querySelectorAll('[data-path]').forEach((r) => {
			if (path === r.dataset.path || path.startsWith(r.dataset.path + '.') || path.startsWith(r.dataset.path + '[')) {
				if (!best || r.dataset.path.length > best.dataset.path.length) best = r;
			}
		});
		if (best) {
			best.classList.add('has-error');
			const control = best.querySelector('.value') || best.querySelector('select');
			if (control) control.setAttribute('aria-invalid', 'true');
		}
	}

	builder.addEventListener('click', (e) => {
		const group = e.target.closest('.group');
		if (e.target.matches('.add-condition')) {
			addCondition(items(group)).querySelector('select.field').focus();
		} else if (e.target.matches('.add-group')) {
			const child = groupTemplate.content.firstElementChild.cloneNode(true);
			items(group).appendChild(child);
			addCondition(items(child));
		} else if (e.target.matches('.remove')) {
			e.target.closest('.condition, .group').remove();
		} else {
			return;
		}
		changed();
	});
	builder.addEventListener('change', (e) => {
		const row = e.target.closest('.condition');
		if (e.target.matches('select.field')) { syncOps(row); renderValue(row); }
		else if (e.target.matches('select.op')) {
			const before = valueOf(row);
			renderValue(row);
			if (before !== null && !Array.isArray(before)) setValue(row, before);
		}
		if (row) { row.classList.remove('has-error'); }
		changed();
	});
	let typing;
	builder.addEventListener('input', (e) => {
		if (!e.target.matches('input')) return;
		clearTimeout(typing);
		typing = setTimeout(changed, 400);
	});
	document.getElementById('segment-form').addEventListener('submit', () => {
		document.getElementById('segment-rule').value = window.segmentRule();
	});
	document.body.addEventListener('htmx:configRequest', (e) => {
		const token = document.querySelector('meta[name="_csrf"]');
		const header = document.querySelector('meta[name="_csrf_header"]');
		if (token && header) e.detail.headers[header.content] = token.content;
		// the rule goes in here rather than through hx-vals="js:…", which the
		// Content-Security-Policy forbids (it would need eval)
		if (e.detail.elt.id === 'builder-result') e.detail.parameters['rule'] = window.segmentRule();
	});
	document.body.addEventListener('htmx:afterSwap', () => {
		const error = document.getElementById('rule-error');
		markError(error ? error.dataset.path : null);
	});
	fill(builder.querySelector('.group.root'), JSON.parse(builder.dataset.rule));
	sentence();
	const saved = document.getElementById('rule-error-saved');
	if (saved) { window.segmentRule(); markError(saved.dataset.path); }
})();
