package io.mawasu.crm.domain.importing;

import java.util.List;

/**
 * What an import did: rows newly inserted, rows whose values really changed, rows
 * rejected, the errors of the rejected rows in line order, and the warnings of rows
 * stored with a value left aside (a phone that is not a phone number). At most
 * {@link #MAX_ERRORS} errors and as many warnings are listed; {@code rejected} counts all
 * rejected rows.
 *
 * @param inserted rows that did not exist before
 * @param updated existing rows whose stored values changed (an identical row is neither)
 * @param rejected rows not stored because of an error
 * @param errors the first {@link #MAX_ERRORS} errors, by line
 * @param warnings the first {@link #MAX_ERRORS} warnings of stored rows, by line
 */
public record ImportResult(long inserted, long updated, long rejected, List<ImportError> errors,
		List<ImportError> warnings) {

	/** The most errors (and warnings) an answer lists. */
	public static final int MAX_ERRORS = 1000;

	public ImportResult {
		errors = List.copyOf(errors);
		warnings = List.copyOf(warnings);
	}

	/** True when more rows were rejected than {@link #errors()} lists. */
	public boolean errorsTruncated() {
		return this.rejected > this.errors.size();
	}

}
