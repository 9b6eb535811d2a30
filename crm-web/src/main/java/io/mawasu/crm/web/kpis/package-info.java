/**
 * KPI targets over HTTP ({@code /api/kpis}) and the KPI board ({@code /kpis}); the rules
 * stay in crm-analytics.
 */
@NullMarked
package io.mawasu.crm.web.kpis;

import org.jspecify.annotations.NullMarked;
