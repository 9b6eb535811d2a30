/**
 * The adapters: pages, the HTTP API, security and configuration. Business rules live in
 * the modules it calls.
 */
@ApplicationModule(displayName = "Web")
@NullMarked
package io.mawasu.crm.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
