/**
 * Test support shared by every module through crm-domain's test-jar.
 */
@NullMarked
package io.mawasu.crm.testing;

import org.jspecify.annotations.NullMarked;
