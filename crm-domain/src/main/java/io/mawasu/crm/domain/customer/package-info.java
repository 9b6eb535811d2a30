
@NamedInterface("customer")
@NullMarked
package io.mawasu.crm.domain.customer;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
