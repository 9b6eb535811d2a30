package io.mawasu.crm.delivery;

/**
 * A content that cannot be saved or rendered; {@code field} names the JSON path of the
 * fault ({@code variants[0].subject}).
 */
public class InvalidContent extends RuntimeException {

	private final String field;

	public InvalidContent(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
