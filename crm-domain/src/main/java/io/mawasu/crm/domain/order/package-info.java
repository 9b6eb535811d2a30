
@NamedInterface("order")
@NullMarked
package io.mawasu.crm.domain.order;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
