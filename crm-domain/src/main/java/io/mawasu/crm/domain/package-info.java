/**
 * The shared kernel: customers with their attributes and tags, orders, per-channel
 * consent with its history, suppression, and the CSV imports that fill them. Other
 * modules read these through the named interfaces {@code customer}, {@code order} and
 * {@code consent}; only this module writes them.
 */
@ApplicationModule(displayName = "Domain")
@NullMarked
package io.mawasu.crm.domain;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
