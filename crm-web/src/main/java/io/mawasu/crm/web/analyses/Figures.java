package io.mawasu.crm.web.analyses;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Numbers of the analysis pages formatted for the reader's locale: money with the shop's
 * currency symbol ({@code ¥1,234}), shares as percent with one decimal ({@code 12.3%}).
 * Public because templates call it.
 */
public final class Figures {

	private final String moneySymbol;

	private final NumberFormat money;

	private final NumberFormat percent;

	private final NumberFormat count;

	private final NumberFormat decimal;

	Figures(Locale locale, String currencyCode) {
		Currency currency = Currency.getInstance(currencyCode);
		this.moneySymbol = currency.getSymbol(Locale.ENGLISH);
		this.money = NumberFormat.getNumberInstance(locale);
		this.money.setMinimumFractionDigits(currency.getDefaultFractionDigits());
		this.money.setMaximumFractionDigits(currency.getDefaultFractionDigits());
		this.percent = NumberFormat.getPercentInstance(locale);
		this.percent.setMinimumFractionDigits(1);
		this.percent.setMaximumFractionDigits(1);
		this.count = NumberFormat.getIntegerInstance(locale);
		this.decimal = NumberFormat.getNumberInstance(locale);
		this.decimal.setMaximumFractionDigits(1);
	}

	public String money(@Nullable BigDecimal amount) {
		if (amount == null) {
			return "";
		}
		String sign = (amount.signum() < 0) ? "-" : "";
		return sign + this.moneySymbol + this.money.format(amount.abs());
	}

	public String percent(@Nullable Double share) {
		return (share != null) ? this.percent.format(share) : "";
	}

	public String count(@Nullable Long value) {
		return (value != null) ? this.count.format(value) : "";
	}

	public String decimal(@Nullable Double value) {
		return (value != null) ? this.decimal.format(value) : "";
	}

}
