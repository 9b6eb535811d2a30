
@NullMarked
package io.mawasu.crm.domain.internal;

import org.jspecify.annotations.NullMarked;
