package io.mawasu.crm.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A new cycle as posted: {@code owner} and {@code decisionMaker} are user names (the web
 * layer checks they exist), {@code from}/{@code to} the period, the KGI with its target,
 * the hypothesis, the segment and scenarios it works on, the KPIs it watches and the
 * expected conversion rate and average order value. Every field is checked by
 * {@link Cycles#create}, which names the first one at fault.
 */
public record CycleRequest(@Nullable String title, @Nullable String owner, @Nullable String decisionMaker,
		@Nullable LocalDate from, @Nullable LocalDate to, @Nullable Kgi kgi, @Nullable String hypothesis,
		@Nullable Long segmentId, @Nullable List<Long> scenarioIds, @Nullable List<Long> kpiIds,
		@Nullable Expected expected) {

	/** The key goal indicator: what the cycle is for, and its target value. */
	public record Kgi(@Nullable String name, @Nullable BigDecimal target) {
	}

	/** The planner's expectation: conversion rate (0–1) and average order value. */
	public record Expected(@Nullable Double conversionRate, @Nullable BigDecimal averageOrderValue) {
	}

}
