/**
 * The audit log of sensitive acts and its admin page and API.
 */
@NullMarked
package io.mawasu.crm.web.audit;

import org.jspecify.annotations.NullMarked;
