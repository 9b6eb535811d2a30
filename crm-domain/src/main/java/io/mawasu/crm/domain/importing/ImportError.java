package io.mawasu.crm.domain.importing;

/**
 * Why one row of an imported file was rejected.
 *
 * @param line the physical line of the file the row starts on (the header is line 1; a
 * quoted field spanning lines counts each of them)
 * @param field the column at fault, or "" when the row as a whole is wrong
 * @param message what is wrong, so that a person can fix the file
 */
public record ImportError(long line, String field, String message) {

}
