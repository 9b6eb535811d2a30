/**
 * The RFM page and the RFM HTTP API.
 */
@NullMarked
package io.mawasu.crm.web.rfm;

import org.jspecify.annotations.NullMarked;
