package io.mawasu.crm.segmentation;

/**
 * A named RFM segment such as {@code champions} (優良顧客).
 *
 * @param code the stable code used in the API and in rules
 * @param nameJa the Japanese name
 * @param nameEn the English name
 * @param colour a CSS colour for charts and badges
 * @param sortOrder the display order
 */
public record RfmSegment(String code, String nameJa, String nameEn, String colour, int sortOrder) {

	/** The name in the given language ({@code ja} or anything else for English). */
	public String name(String language) {
		return "ja".equals(language) ? this.nameJa : this.nameEn;
	}

}
