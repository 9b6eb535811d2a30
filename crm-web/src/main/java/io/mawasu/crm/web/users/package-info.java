/**
 * User administration for admins: the users page and {@code /api/admin/users}.
 */
@NullMarked
package io.mawasu.crm.web.users;

import org.jspecify.annotations.NullMarked;
