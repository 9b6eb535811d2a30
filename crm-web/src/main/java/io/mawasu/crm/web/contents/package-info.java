/**
 * Channel content in the browser (list, editor with live SMS length and a preview for a
 * customer) and over the HTTP API ({@code /api/contents}); CONTENT_EDITOR, MARKETER and
 * ADMIN only.
 */
@NullMarked
package io.mawasu.crm.web.contents;

import org.jspecify.annotations.NullMarked;
