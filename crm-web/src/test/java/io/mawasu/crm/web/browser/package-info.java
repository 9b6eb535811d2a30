/**
 * Browser tests: the running application driven through headless Chromium.
 */
@NullMarked
package io.mawasu.crm.web.browser;

import org.jspecify.annotations.NullMarked;
