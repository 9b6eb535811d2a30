/**
 * Rules every request passes before any controller: the IP allow-list, the request body
 * limit, the refusal of NUL characters, and the Content-Security-Policy of pages.
 */
@NullMarked
package io.mawasu.crm.web.edge;

import org.jspecify.annotations.NullMarked;
