package io.mawasu.crm.domain.importing;

import java.util.List;

/**
 * What an import did: rows newly inserted, rows whose values really changed, rows
 * rejected, and the errors of the rejected rows in line order. At most
 * {@link #MAX_ERRORS} errors are listed; {@code rejected} counts them all.
 *
 * @param inserted rows that did not exist before
 * @param updated existing rows whose stored values changed (an identical row is neither)
 * @param rejected rows not stored because of an error
 * @param errors the first {@link #MAX_ERRORS} errors, by line
 */
public record ImportResult(long inserted, long updated, long rejected, List<ImportError> errors) {

	/** The most errors an answer lists. */
	public static final int MAX_ERRORS = 1000;

	public ImportResult {
		errors = List.copyOf(errors);
	}

	/** True when more rows were rejected than {@link #errors()} lists. */
	public boolean errorsTruncated() {
		return this.rejected > this.errors.size();
	}

}
