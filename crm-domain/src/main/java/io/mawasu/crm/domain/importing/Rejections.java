package io.mawasu.crm.domain.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * The rejected rows of one import: the first {@link ImportResult#MAX_ERRORS} errors in
 * line order, and the count of all.
 */
final class Rejections {

	private final List<ImportError> errors = new ArrayList<>();

	private long count;

	void add(long line, String field, String message) {
		this.count++;
		if (this.errors.size() < ImportResult.MAX_ERRORS) {
			this.errors.add(new ImportError(line, field, message));
		}
	}

	/**
	 * Adds rejections found later in SQL: their first errors (by line) and their count.
	 */
	void addAll(List<ImportError> sorted, long total) {
		List<ImportError> merged = new ArrayList<>(
				Math.min(ImportResult.MAX_ERRORS, this.errors.size() + sorted.size()));
		int i = 0;
		int j = 0;
		while (merged.size() < ImportResult.MAX_ERRORS && (i < this.errors.size() || j < sorted.size())) {
			if (j >= sorted.size() || (i < this.errors.size() && this.errors.get(i).line() <= sorted.get(j).line())) {
				merged.add(this.errors.get(i++));
			}
			else {
				merged.add(sorted.get(j++));
			}
		}
		this.errors.clear();
		this.errors.addAll(merged);
		this.count += total;
	}

	long count() {
		return this.count;
	}

	List<ImportError> errors() {
		return this.errors;
	}

}
