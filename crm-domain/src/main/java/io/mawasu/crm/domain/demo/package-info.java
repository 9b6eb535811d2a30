/**
 * Deterministic demo data: a realistic Japanese D2C customer base with three years of
 * orders, consents and summaries, generated set-based in PostgreSQL.
 */
@NamedInterface("demo")
@NullMarked
package io.mawasu.crm.domain.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
