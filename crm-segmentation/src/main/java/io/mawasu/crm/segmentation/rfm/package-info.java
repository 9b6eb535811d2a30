/**
 * RFM scoring in SQL: runs, scores, the named segment grid and what the RFM page reads.
 */
@NullMarked
package io.mawasu.crm.segmentation.rfm;

import org.jspecify.annotations.NullMarked;
