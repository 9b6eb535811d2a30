package io.mawasu.crm.analytics;

/** The columns of a KPT board: what to keep, what went wrong, what to try next. */
public enum KptColumn {

	KEEP, PROBLEM, TRY

}
