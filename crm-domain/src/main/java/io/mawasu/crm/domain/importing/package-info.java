
@NamedInterface("importing")
@NullMarked
package io.mawasu.crm.domain.importing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
