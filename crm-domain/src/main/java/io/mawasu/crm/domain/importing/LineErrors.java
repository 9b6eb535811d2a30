package io.mawasu.crm.domain.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * The line errors of one import (its rejected rows, or the warnings of rows kept): the
 * first {@link ImportResult#MAX_ERRORS} in line order, and the count of all.
 */
final class LineErrors {

	private final List<ImportError> errors = new ArrayList<>();

	private long count;

	void add(long line, String field, String code, List<String> args) {
		this.count++;
		if (this.errors.size() < ImportResult.MAX_ERRORS) {
			this.errors.add(new ImportError(line, field, code, args));
		}
	}

	/**
	 * Adds errors found later in SQL: their first ones (by line) and their count.
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
