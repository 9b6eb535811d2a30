/**
 * Hashed ad audiences of segments for Meta and Google uploads.
 */
@NullMarked
package io.mawasu.crm.web.audiences;

import org.jspecify.annotations.NullMarked;
