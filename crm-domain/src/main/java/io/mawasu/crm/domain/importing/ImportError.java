package io.mawasu.crm.domain.importing;

import java.util.List;

/**
 * What is wrong with one row of an imported file, as a message code and its arguments so
 * that the caller words it in the reader's language.
 *
 * @param line the physical line of the file the row starts on (the header is line 1; a
 * quoted field spanning lines counts each of them)
 * @param field the column at fault, or "" when the row as a whole is wrong
 * @param code the message key of the reason ({@code import.reason.*}, e.g.
 * {@code import.reason.required} with the column as its argument)
 * @param args the key's arguments in order: the offending text, limits, lines
 */
public record ImportError(long line, String field, String code, List<String> args) {

	public ImportError {
		args = List.copyOf(args);
	}

	/** The arguments as an array, for message sources. */
	public Object[] arguments() {
		return this.args.toArray();
	}

}
