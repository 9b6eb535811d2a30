package io.mawasu.crm.web.imports;

import java.util.List;
import java.util.Locale;

import io.mawasu.crm.domain.importing.ImportError;
import io.mawasu.crm.domain.importing.ImportResult;

import org.springframework.context.MessageSource;

/**
 * The JSON answer of {@code POST /api/import/{kind}}: {@link ImportResult} with each line
 * error's reason worded in the request's language.
 *
 * @param inserted rows that did not exist before
 * @param updated existing rows whose stored values changed
 * @param rejected rows not stored because of an error
 * @param errors the first 1,000 errors of rejected rows, by line
 * @param warnings the first 1,000 warnings of stored rows (a phone that is not a phone
 * number), by line
 */
record ImportAnswer(long inserted, long updated, long rejected, List<Line> errors, List<Line> warnings) {

	/**
	 * One line's problem.
	 *
	 * @param line the physical line (header = 1)
	 * @param field the column, or "" for the row as a whole
	 * @param message the reason in the request's language
	 */
	record Line(long line, String field, String message) {
	}

	static ImportAnswer of(ImportResult result, MessageSource messages, Locale locale) {
		return new ImportAnswer(result.inserted(), result.updated(), result.rejected(),
				lines(result.errors(), messages, locale), lines(result.warnings(), messages, locale));
	}

	private static List<Line> lines(List<ImportError> errors, MessageSource messages, Locale locale) {
		return errors.stream()
			.map((e) -> new Line(e.line(), e.field(), messages.getMessage(e.code(), e.arguments(), locale)))
			.toList();
	}

}
