
@NamedInterface("consent")
@NullMarked
package io.mawasu.crm.domain.consent;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
