/**
 * Demo mode ({@code crm.demo.enabled=true}, profile {@code demo}): generates the demo
 * dataset into an empty database on start, creates one demo user per role and shows them
 * on the login page.
 */
@NullMarked
package io.mawasu.crm.web.demo;

import org.jspecify.annotations.NullMarked;
