package io.mawasu.crm.segmentation;

/**
 * One cell of the editable R &times; FM grid that names segments: customers with recency
 * score {@code r} and {@code fm = round((f + m) / 2)} (halves up) belong to
 * {@code segment}.
 *
 * @param r recency score 1-5
 * @param fm the rounded mean of frequency and monetary score, 1-5
 * @param segment the segment code
 */
public record RfmGridCell(int r, int fm, String segment) {

}
