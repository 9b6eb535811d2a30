/**
 * The customer list, the customer page and the customer API.
 */
@NullMarked
package io.mawasu.crm.web.customers;

import org.jspecify.annotations.NullMarked;
