package io.mawasu.crm.domain.importing;

/**
 * The file as a whole cannot be imported: it is not readable as CSV in its charset, its
 * quoting is broken, or a required column is missing. Nothing of it is stored.
 */
public class ImportFileException extends RuntimeException {

	public ImportFileException(String message) {
		super(message);
	}

	public ImportFileException(String message, Throwable cause) {
		super(message, cause);
	}

}
