/**
 * Internal: the BG/NBD and Gamma-Gamma models, their maximum-likelihood fit and the SQL
 * of CLV fits.
 */
@NullMarked
package io.mawasu.crm.segmentation.clv;

import org.jspecify.annotations.NullMarked;
