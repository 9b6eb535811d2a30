/**
 * CSV imports of customers, orders and consents: the HTTP API and the upload page with
 * its background jobs.
 */
@NullMarked
package io.mawasu.crm.web.imports;

import org.jspecify.annotations.NullMarked;
