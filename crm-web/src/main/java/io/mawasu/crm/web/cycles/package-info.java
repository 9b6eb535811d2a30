/**
 * PDCA cycles and KPT retrospectives: the API, the manager's dashboard, the cycle page,
 * the live board and the one-page summary sheet.
 */
@NullMarked
package io.mawasu.crm.web.cycles;

import org.jspecify.annotations.NullMarked;
