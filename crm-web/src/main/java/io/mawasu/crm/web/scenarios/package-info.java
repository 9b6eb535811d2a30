/**
 * Scenarios over the HTTP API ({@code /api/scenarios}); the rules stay in crm-scenario.
 */
@NullMarked
package io.mawasu.crm.web.scenarios;

import org.jspecify.annotations.NullMarked;
