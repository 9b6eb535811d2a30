// Behaviour shared by every page (no inline handlers, so a strict Content-Security-Policy holds).
(function () {
	// <form data-confirm="…">: ask before submitting (deleting, activating …).
	document.addEventListener('submit', (e) => {
		const form = e.target.closest('form[data-confirm]');
		if (form && !window.confirm(form.dataset.confirm)) e.preventDefault();
	}, true);
})();
(function () {
	// <select data-autosubmit>: a filter that applies as soon as it changes.
	document.addEventListener('change', (e) => {
		if (e.target.matches('select[data-autosubmit]') && e.target.form) e.target.form.submit();
	});
})();
(function () {
	// <button data-dismiss="id">: removes that element (closing a confirmation).
	document.addEventListener('click', (e) => {
		const button = e.target.closest('[data-dismiss]');
		if (!button) return;
		const target = document.getElementById(button.dataset.dismiss);
		if (target) target.remove();
	});
})();
