/**
 * Log in, roles, lockout of guessed logins and PII masking.
 */
@NullMarked
package io.mawasu.crm.web.security;

import org.jspecify.annotations.NullMarked;
