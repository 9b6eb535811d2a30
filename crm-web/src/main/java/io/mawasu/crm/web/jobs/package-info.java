/**
 * The application's db-scheduler: cluster-wide scheduled and one-off jobs on PostgreSQL.
 */
@NullMarked
package io.mawasu.crm.web.jobs;

import org.jspecify.annotations.NullMarked;
