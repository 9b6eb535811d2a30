package io.mawasu.crm.domain.order;

import java.math.BigDecimal;
import java.time.YearMonth;

import org.jspecify.annotations.Nullable;

/**
 * The purchase KPIs of one calendar month in the shop's time zone. Only orders with a
 * positive amount count (returns and zero-amount corrections do not).
 *
 * @param month the month
 * @param purchasingCustomers distinct customers with at least one order in the month
 * @param orders orders in the month
 * @param revenue the sum of their amounts
 * @param averageOrderValue revenue / orders, rounded to 2 decimals; {@code null} in a
 * month without orders
 * @param purchaseFrequency orders / purchasing customers, rounded to 2 decimals;
 * {@code null} in a month without orders
 */
public record MonthlyKpi(YearMonth month, long purchasingCustomers, long orders, BigDecimal revenue,
		@Nullable BigDecimal averageOrderValue, @Nullable BigDecimal purchaseFrequency) {

}
